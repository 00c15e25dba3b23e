#pragma once
// The console's window: pages in tabs, the menus, the status bar. It only wires; the pages
// and the session do the work.

#include <QMainWindow>

namespace bs::ui {
class OverviewPage;
class TopicExplorerPage;
} // namespace bs::ui
namespace bs::client {
struct MqttMessage;
}

namespace bs::app {

class ConsoleSession;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleSession& session, QWidget* parent = nullptr);

    ui::TopicExplorerPage* topicsPage() const { return m_topics; }
    ui::OverviewPage* overviewPage() const { return m_overview; }
    void showTopics();

public slots:
    void openInjectDialog(const bs::client::MqttMessage& prefill);
    void openConnectionsDialog();

private:
    void buildMenus();

    ConsoleSession& m_session;
    ui::OverviewPage* m_overview;
    ui::TopicExplorerPage* m_topics;
};

} // namespace bs::app
