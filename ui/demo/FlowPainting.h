#pragma once
// The flow view's look, shared by its items: colours, and helpers that paint a box, a line
// of text at a pixel size (the scene is drawn in fixed units and scaled as a whole by
// fitInView), and a small pill-shaped badge.

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;

namespace bs::ui::flow {

inline const QColor kInk(0x22, 0x2b, 0x36);
inline const QColor kMuted(0x6b, 0x75, 0x80);
inline const QColor kBoxFill(0xff, 0xff, 0xff);
inline const QColor kProducer(0x2f, 0x6f, 0xb0);
inline const QColor kTopic(0x6a, 0x4f, 0xb3);
inline const QColor kGroup(0x3d, 0x7a, 0xb8);
inline const QColor kHealthy(0x2e, 0x8b, 0x57);
inline const QColor kAutoscaled(0x5d, 0xad, 0xe2);
inline const QColor kWarning(0xd6, 0x89, 0x10);
inline const QColor kFault(0xc0, 0x39, 0x2b);
inline const QColor kFaultFill(0xfd, 0xed, 0xec);
inline const QColor kIdle(0xb0, 0xb7, 0xbf);
inline const QColor kOrderDot(0x2f, 0x6f, 0xb0);

/// The flow view's words, translated in the context "FlowView".
QString flowTr(const char* text);
QFont pixelFont(qreal pixelSize, bool bold = false, bool monospace = false);
/// A rounded box with a border (width 2) and a fill.
void paintBox(QPainter* painter, const QRectF& rect, const QColor& border, const QColor& fill, qreal radius = 10);
/// Text in a rect, clipped to it.
void paintText(QPainter* painter, const QRectF& rect, const QString& text, const QFont& font, const QColor& colour,
               Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter);
/// A pill with white text whose left edge (or right edge, with rightAligned) is at x;
/// returns its width.
qreal paintBadge(QPainter* painter, qreal x, qreal centreY, const QString& text, const QColor& colour,
                 bool rightAligned = false);
/// Text on a rounded white plate centred at a point (edge labels).
void paintPlate(QPainter* painter, const QPointF& centre, const QString& text, const QFont& font, const QColor& colour);

} // namespace bs::ui::flow
