#include "ui/payload/ImagePayloadView.h"

#include "models/payload/PayloadKind.h"
#include "models/payload/PayloadPreview.h"

#include <QBuffer>
#include <QImageReader>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace bs::ui {

/// Paints one image, fitted to the widget, centred.
class ImageCanvas : public QWidget
{
public:
    using QWidget::QWidget;

    void setImage(const QImage& image)
    {
        m_image = image;
        update();
    }
    const QImage& image() const { return m_image; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        if (m_image.isNull())
            return;
        QPainter painter(this);
        const QRect target = targetRect();
        if (m_image.hasAlphaChannel())
            paintCheckerboard(painter, target);
        const bool enlarged = target.width() > m_image.width();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, !enlarged);
        painter.drawImage(target, m_image);
    }

private:
    QRect targetRect() const
    {
        const QRect area = rect().adjusted(8, 8, -8, -8);
        QSize size = m_image.size();
        if (size.width() > area.width() || size.height() > area.height()) {
            size.scale(area.size(), Qt::KeepAspectRatio);
        } else {
            // Whole-number enlargement keeps small icons crisp; at most 8x.
            const int factor = std::clamp(std::min(area.width() / std::max(1, size.width()),
                                                   area.height() / std::max(1, size.height())),
                                          1, 8);
            size *= factor;
        }
        QRect target(QPoint(0, 0), size.expandedTo(QSize(1, 1)));
        target.moveCenter(area.center());
        return target;
    }

    static void paintCheckerboard(QPainter& painter, const QRect& area)
    {
        constexpr int Cell = 8;
        painter.fillRect(area, QColor(0xff, 0xff, 0xff));
        for (int y = area.top(); y < area.bottom(); y += Cell) {
            for (int x = area.left() + (((y - area.top()) / Cell) % 2) * Cell; x < area.right(); x += 2 * Cell)
                painter.fillRect(QRect(x, y, Cell, Cell).intersected(area), QColor(0xe4, 0xe4, 0xe4));
        }
    }

    QImage m_image;
};

ImagePayloadView::ImagePayloadView(QWidget* parent)
    : QWidget(parent)
    , m_canvas(new ImageCanvas(this))
    , m_info(new QLabel(this))
    , m_error(new QLabel(this))
{
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setContentsMargins(6, 3, 6, 3);
    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setContentsMargins(24, 24, 24, 24);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xa0, 0x10, 0x20));
    m_error->setPalette(palette);
    m_error->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_info);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_error, 1);
}

void ImagePayloadView::setPayload(const QByteArray& bytes)
{
    using bs::models::formatByteSize;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, bs::models::sniffImageFormat(bytes));
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);

    if (bytes.isEmpty()) {
        showError(tr("The payload is empty: there is no image to show."));
        return;
    }
    if (!reader.canRead()) {
        showError(tr("These %1 are not an image format this console can decode (PNG, JPEG, "
                     "GIF, BMP, …). The Hex view shows the bytes.")
                      .arg(formatByteSize(bytes.size())));
        return;
    }
    const QSize declared = reader.size();
    if (declared.isValid() && qint64(declared.width()) * declared.height() > MaxPixels) {
        showError(tr("The image says it is %1 × %2 pixels: too large to decode here. "
                     "Save the payload to open it elsewhere.")
                      .arg(declared.width())
                      .arg(declared.height()));
        return;
    }
    const QByteArray format = reader.format();
    const QImage image = reader.read();
    if (image.isNull()) {
        showError(tr("This %1 image (%2) cannot be decoded: %3. The Hex view shows the bytes.")
                      .arg(QString::fromLatin1(format.toUpper()), formatByteSize(bytes.size()),
                           reader.errorString()));
        return;
    }
    m_error->hide();
    m_canvas->setImage(image);
    m_canvas->show();
    m_info->setText(tr("%1 · %2 × %3 px · %4-bit%5 · %6")
                        .arg(QString::fromLatin1(format.toUpper()))
                        .arg(image.width())
                        .arg(image.height())
                        .arg(image.depth())
                        .arg(image.hasAlphaChannel() ? tr(" with alpha") : QString())
                        .arg(formatByteSize(bytes.size())));
    m_info->show();
}

void ImagePayloadView::clear()
{
    m_canvas->setImage({});
    m_info->clear();
    m_error->hide();
}

void ImagePayloadView::showError(const QString& error)
{
    m_canvas->setImage({});
    m_canvas->hide();
    m_info->hide();
    m_error->setText(error);
    m_error->show();
}

bool ImagePayloadView::hasImage() const
{
    return !m_canvas->image().isNull();
}

QImage ImagePayloadView::image() const
{
    return m_canvas->image();
}

QString ImagePayloadView::infoText() const
{
    return hasImage() ? m_info->text() : QString();
}

QString ImagePayloadView::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

} // namespace bs::ui
