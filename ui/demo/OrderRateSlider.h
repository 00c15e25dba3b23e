#pragma once
// The order rate on a logarithmic slider, from a trickle (0.5 orders/s) to 50 times the
// Black-Friday peak (1,400 orders/s), with the peak (100,000 orders an hour ≈ 28/s) marked
// under the groove, a readout ("28 orders/s · 100,000 an hour") and three presets (Alt+K
// a trickle, Alt+B the Black-Friday peak, Alt+5 fifty times the peak).
//
// rateChosen() fires when the teacher lets go of the handle (or moves it with the keys, a
// click on the groove or a preset), not for every pixel of a drag: each choice is one line
// in the event log. The readout follows the handle while dragging.

#include <QWidget>

class QLabel;
class QSlider;

namespace bs::ui {

class OrderRateSlider : public QWidget
{
    Q_OBJECT
public:
    static constexpr double kMinRate = 0.5;
    static constexpr int kSteps = 1000;

    explicit OrderRateSlider(QWidget* parent = nullptr);

    double rate() const;
    /// Moves the handle without emitting rateChosen().
    void setRate(double perSecond);
    QSlider* slider() const { return m_slider; }
    QString readout() const;

    static int positionOf(double perSecond);
    static double rateAt(int position);

signals:
    void rateChosen(double perSecond);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildPresets();
    void choose(double perSecond);
    void updateReadout();
    void paintPeakMark(QWidget* canvas);

    QSlider* m_slider = nullptr;
    QWidget* m_markCanvas = nullptr;
    QLabel* m_readout = nullptr;
};

} // namespace bs::ui
