#pragma once
// The console's window: pages in tabs, the menus, the status bar. It only wires; the pages
// and the session do the work.

#include <QMainWindow>

namespace bs::ui {
class DeadLettersPage;
class DemoPage;
class GroupsPage;
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
    ui::GroupsPage* groupsPage() const { return m_groups; }
    ui::DeadLettersPage* deadLettersPage() const { return m_deadLetters; }
    ui::DemoPage* demoPage() const { return m_demo; }
    void showTopics();
    /// Shows a page by name: topics, groups, deadletters, overview. False if unknown.
    bool showPage(const QString& name);

public slots:
    void openInjectDialog(const bs::client::MqttMessage& prefill);
    void openConnectionsDialog();

private:
    void buildMenus();

    ConsoleSession& m_session;
    ui::OverviewPage* m_overview;
    ui::TopicExplorerPage* m_topics;
    ui::GroupsPage* m_groups;
    ui::DeadLettersPage* m_deadLetters;
    ui::DemoPage* m_demo;
};

} // namespace bs::app
