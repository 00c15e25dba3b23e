#include "ui/demo/OrderRateSlider.h"

#include "demo/DemoConfig.h"
#include "ui/demo/DemoFormat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

const QColor kPeakColour(0xc0, 0x39, 0x2b);

double logSpan()
{
    return std::log(demo::kMaxOrderRate / OrderRateSlider::kMinRate);
}

} // namespace

OrderRateSlider::OrderRateSlider(QWidget* parent) : QWidget(parent)
{
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(u"orderRateSlider"_s);
    m_slider->setRange(0, kSteps);
    m_slider->setPageStep(kSteps / 20);
    m_slider->setToolTip(tr("Orders per second, on a logarithmic scale: from a trickle to 50 times the "
                            "Black-Friday peak"));
    m_markCanvas = new QWidget;
    m_markCanvas->setMinimumHeight(fontMetrics().height() + 8);
    m_markCanvas->installEventFilter(this);
    m_readout = new QLabel;
    m_readout->setObjectName(u"orderRateReadout"_s);

    connect(m_slider, &QSlider::valueChanged, this, [this] {
        updateReadout();
        if (!m_slider->isSliderDown())
            emit rateChosen(rate());
    });
    connect(m_slider, &QSlider::sliderReleased, this, [this] { emit rateChosen(rate()); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_readout);
    layout->addWidget(m_slider);
    layout->addWidget(m_markCanvas);
    layout->addWidget(buildPresets());
    setRate(demo::kBlackFridayOrdersPerSecond);
}

QWidget* OrderRateSlider::buildPresets()
{
    struct Preset
    {
        QString text;
        QString objectName;
        double rate;
    };
    const Preset presets[] = {
        {tr("Tric&kle"), u"trickleButton"_s, kMinRate},
        {tr("&Black Friday"), u"blackFridayButton"_s, demo::kBlackFridayOrdersPerSecond},
        {tr("&50× peak"), u"fiftyTimesPeakButton"_s, demo::kMaxOrderRate},
    };
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const Preset& preset : presets) {
        auto* button = new QToolButton;
        button->setText(preset.text);
        button->setObjectName(preset.objectName);
        button->setToolTip(orderRateText(preset.rate));
        connect(button, &QToolButton::clicked, this, [this, rate = preset.rate] { choose(rate); });
        layout->addWidget(button);
    }
    layout->addStretch();
    return row;
}

int OrderRateSlider::positionOf(double perSecond)
{
    const double clamped = std::clamp(perSecond, kMinRate, demo::kMaxOrderRate);
    return int(std::lround(std::log(clamped / kMinRate) / logSpan() * kSteps));
}

double OrderRateSlider::rateAt(int position)
{
    return kMinRate * std::exp(logSpan() * std::clamp(position, 0, kSteps) / kSteps);
}

double OrderRateSlider::rate() const
{
    const int position = m_slider->value();
    // The mark's own position means exactly the peak, not the step's rounding of it.
    if (position == positionOf(demo::kBlackFridayOrdersPerSecond))
        return demo::kBlackFridayOrdersPerSecond;
    return rateAt(position);
}

void OrderRateSlider::setRate(double perSecond)
{
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(positionOf(perSecond));
    updateReadout();
}

void OrderRateSlider::choose(double perSecond)
{
    setRate(perSecond);
    emit rateChosen(rate());
}

QString OrderRateSlider::readout() const
{
    return m_readout->text();
}

void OrderRateSlider::updateReadout()
{
    const double perSecond = rate();
    m_readout->setText(tr("<b>%1</b> · %2 an hour")
                           .arg(orderRateText(perSecond), countText(quint64(std::llround(perSecond * 3600.0)))));
}

bool OrderRateSlider::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_markCanvas && event->type() == QEvent::Paint) {
        paintPeakMark(m_markCanvas);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void OrderRateSlider::paintPeakMark(QWidget* canvas)
{
    // Where the slider's handle centre would be at the peak, in the canvas (same x span).
    const int handle = m_slider->style()->pixelMetric(QStyle::PM_SliderLength, nullptr, m_slider);
    const int span = std::max(1, m_slider->width() - handle);
    const int x = handle / 2
        + QStyle::sliderPositionFromValue(0, kSteps, positionOf(demo::kBlackFridayOrdersPerSecond), span)
        + m_slider->x() - canvas->x();

    QPainter painter(canvas);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(kPeakColour);
    painter.drawPolygon(QPolygonF({QPointF(x, 0), QPointF(x - 5, 7), QPointF(x + 5, 7)}));
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(kPeakColour);
    const QString text = tr("Black Friday ≈ 28/s");
    const int width = QFontMetrics(font).horizontalAdvance(text);
    const int left = std::clamp(x - width / 2, 0, std::max(0, canvas->width() - width));
    painter.drawText(QRect(left, 7, width, canvas->height() - 7), Qt::AlignHCenter | Qt::AlignTop, text);
}

} // namespace bs::ui
