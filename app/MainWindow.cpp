#include "app/MainWindow.h"

#include "app/ConsoleSession.h"
#include "client/MqttClient.h"
#include "ui/dialogs/ConnectionsDialog.h"
#include "ui/dialogs/InjectDialog.h"
#include "demo/DemoRunner.h"
#include "ui/deadletters/DeadLettersPage.h"
#include "ui/demo/DemoControlPanel.h"
#include "ui/demo/DemoPage.h"
#include "ui/groups/GroupsPage.h"
#include "ui/pages/OverviewPage.h"
#include "ui/pages/TopicExplorerPage.h"
#include "ui/widgets/ConnectionStatusLabel.h"

#include <QMenuBar>
#include <QStatusBar>
#include <QStringListModel>
#include <QTabWidget>

namespace bs::app {

MainWindow::MainWindow(ConsoleSession& session, QWidget* parent)
    : QMainWindow(parent), m_session(session),
      m_overview(new ui::OverviewPage(session.sysStats(), session.client())),
      m_topics(new ui::TopicExplorerPage(session.topics(), session.history(), session.client())),
      m_groups(new ui::GroupsPage(session.admin(), session.groups(), session.lagHistory())),
      m_deadLetters(new ui::DeadLettersPage(session.admin(), session.client(), session.deadLetters())),
      m_demo(new ui::DemoPage(session.demo(), session.admin()))
{
    setWindowTitle(tr("Brokerscope"));
    auto* tabs = new QTabWidget;
    tabs->setDocumentMode(true);
    tabs->addTab(m_topics, tr("Topics"));
    tabs->addTab(m_groups, tr("Consumer groups"));
    tabs->addTab(m_deadLetters, tr("Dead letters"));
    tabs->addTab(m_overview, tr("Overview"));
    tabs->addTab(m_demo, tr("Demo"));
    setCentralWidget(tabs);

    statusBar()->addWidget(new ui::ConnectionStatusLabel(session.client()), 1);
    m_overview->setEmbeddedBrokerInfo(session.embeddedBrokerInfo());
    connect(&session, &ConsoleSession::embeddedBrokerChanged, m_overview,
            &ui::OverviewPage::setEmbeddedBrokerInfo);
    connect(m_topics, &ui::TopicExplorerPage::injectRequested, this, &MainWindow::openInjectDialog);
    connect(m_topics, &ui::TopicExplorerPage::systemTopicsToggled, &session,
            &ConsoleSession::setSystemTopicsShown);
    connect(m_groups, &ui::GroupsPage::topicsPageRequested, this, &MainWindow::showTopics);
    connect(m_groups, &ui::GroupsPage::deadLettersPageRequested, this,
            [this] { showPage(QStringLiteral("deadletters")); });
    connect(m_deadLetters, &ui::DeadLettersPage::patternsEdited, &session, &ConsoleSession::saveDeadLetterPatterns);
    buildMenus();
    resize(1360, 840);
}

void MainWindow::buildMenus()
{
    QMenu* connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(tr("&Embedded broker"), this,
                          [this] { m_session.connectTo(m_session.embeddedProfile()); });
    connection->addAction(tr("&Connections…"), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                          &MainWindow::openConnectionsDialog);
    connection->addAction(tr("&Disconnect"), this, [this] { m_session.client().disconnectFromBroker(); });
    connection->addSeparator();
    connection->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* demo = menuBar()->addMenu(tr("&Demo"));
    demo->addAction(tr("&Black Friday: start"), this, [this] {
        showPage(QStringLiteral("demo"));
        m_session.startDemo();
    });
    demo->addAction(tr("S&top"), &m_session.demo(), &demo::DemoRunner::stop);
    demo->addAction(tr("&Reset to a clean start…"), this, [this] {
        showPage(QStringLiteral("demo"));
        m_demo->controls()->askToReset(); // confirms first
    });
    demo->addSeparator();
    demo->addAction(tr("&Lesson plan"), this, [this] { showPage(QStringLiteral("demo")); });

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Inject message…"), QKeySequence(Qt::CTRL | Qt::Key_I), this,
                     [this] { openInjectDialog({}); });
}

void MainWindow::showTopics()
{
    static_cast<QTabWidget*>(centralWidget())->setCurrentWidget(m_topics);
}

bool MainWindow::showPage(const QString& name)
{
    const QHash<QString, QWidget*> pages{{QStringLiteral("topics"), m_topics},
                                         {QStringLiteral("groups"), m_groups},
                                         {QStringLiteral("deadletters"), m_deadLetters},
                                         {QStringLiteral("overview"), m_overview},
                                         {QStringLiteral("demo"), m_demo}};
    QWidget* page = pages.value(name);
    if (page)
        static_cast<QTabWidget*>(centralWidget())->setCurrentWidget(page);
    return page != nullptr;
}

void MainWindow::openInjectDialog(const client::MqttMessage& prefill)
{
    // Completion from the topics seen so far (a snapshot taken when the dialog opens).
    auto* completions = new QStringListModel(m_session.knownTopics());
    auto* dialog = new ui::InjectDialog(m_session.client(), m_session.templates(), completions, this);
    completions->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!prefill.topic.isEmpty() || !prefill.payload.isEmpty())
        dialog->setMessage(prefill);
    dialog->open();
}

void MainWindow::openConnectionsDialog()
{
    auto* dialog = new ui::ConnectionsDialog(m_session.profiles(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEmbeddedProfile(m_session.embeddedProfile());
    connect(dialog, &ui::ConnectionsDialog::connectRequested, &m_session, &ConsoleSession::connectTo);
    dialog->open();
}

} // namespace bs::app
