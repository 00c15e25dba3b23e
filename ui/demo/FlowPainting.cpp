#include "ui/demo/FlowPainting.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>

namespace bs::ui::flow {

QString flowTr(const char* text)
{
    return QCoreApplication::translate("FlowView", text);
}

QFont pixelFont(qreal pixelSize, bool bold, bool monospace)
{
    QFont font = monospace ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : QFont();
    font.setPixelSize(int(pixelSize));
    font.setBold(bold);
    return font;
}

void paintBox(QPainter* painter, const QRectF& rect, const QColor& border, const QColor& fill, qreal radius)
{
    painter->setPen(QPen(border, 2));
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, radius, radius);
}

void paintText(QPainter* painter, const QRectF& rect, const QString& text, const QFont& font, const QColor& colour,
               Qt::Alignment alignment)
{
    painter->setFont(font);
    painter->setPen(colour);
    const QString fitted = QFontMetricsF(font).elidedText(text, Qt::ElideRight, rect.width());
    painter->drawText(rect, int(alignment), fitted);
}

qreal paintBadge(QPainter* painter, qreal x, qreal centreY, const QString& text, const QColor& colour, bool rightAligned)
{
    const QFont font = pixelFont(12, true);
    const qreal width = QFontMetricsF(font).horizontalAdvance(text) + 14;
    const QRectF pill(rightAligned ? x - width : x, centreY - 9, width, 18);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(pill, 9, 9);
    paintText(painter, pill, text, font, Qt::white, Qt::AlignCenter);
    return width;
}

void paintPlate(QPainter* painter, const QPointF& centre, const QString& text, const QFont& font, const QColor& colour)
{
    const QFontMetricsF metrics(font);
    const QSizeF size(metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
    const QRectF plate(centre - QPointF(size.width() / 2, size.height() / 2), size);
    painter->setPen(QPen(QColor(0xd5, 0xda, 0xe0), 1));
    painter->setBrush(QColor(255, 255, 255, 235));
    painter->drawRoundedRect(plate, 6, 6);
    paintText(painter, plate, text, font, colour, Qt::AlignCenter);
}

} // namespace bs::ui::flow
