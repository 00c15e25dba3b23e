#pragma once
// An image payload decoded with QImageReader and scaled to fit (small images are enlarged
// by whole factors so pixels stay sharp), over a checkerboard where it is transparent, with
// a line of facts: format, size in pixels, depth, bytes. Bytes that do not decode, or
// that would decode to more than MaxPixels, get a clear message instead of an empty area.

#include <QByteArray>
#include <QImage>
#include <QWidget>

class QLabel;

namespace bs::ui {

class ImageCanvas;

class ImagePayloadView : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 MaxPixels = 100'000'000; ///< 400 MB as 32-bit pixels.

    explicit ImagePayloadView(QWidget* parent = nullptr);

    void setPayload(const QByteArray& bytes);
    void clear();

    bool hasImage() const;
    QImage image() const;
    QString infoText() const;
    QString errorText() const;

private:
    void showError(const QString& error);

    ImageCanvas* m_canvas;
    QLabel* m_info;
    QLabel* m_error;
};

} // namespace bs::ui
