// TopicFilterProxy over a live TopicTreeModel: substring and MQTT-filter matching with
// ancestors kept, the '$' rule, invalid filters, and numeric / natural sorting. Both the
// model and the proxy run under QAbstractItemModelTester.
#include "MessageFactory.h"
#include "models/topics/TopicFilterProxy.h"
#include "models/topics/TopicTreeModel.h"

#include <QAbstractItemModelTester>
#include <QIdentityProxyModel>
#include <QTest>

using namespace bs::models;
using namespace bs::models::test;
using namespace Qt::StringLiterals;

namespace {

/// Every full topic the proxy shows, depth first, in proxy order.
QStringList visibleTopics(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList topics;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        topics.append(index.data(TopicTreeModel::FullTopicRole).toString());
        topics.append(visibleTopics(model, index));
    }
    return topics;
}

/// The names of parent's children in proxy order.
QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

QModelIndex proxyIndexOf(const QAbstractItemModel& model, const QString& topic, const QModelIndex& parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(TopicTreeModel::FullTopicRole).toString() == topic)
            return index;
        if (const QModelIndex below = proxyIndexOf(model, topic, index); below.isValid())
            return below;
    }
    return {};
}

} // namespace

class TopicFilterProxyTest : public QObject
{
    Q_OBJECT
private:
    TopicTreeModel* m_model = nullptr;
    TopicFilterProxy* m_proxy = nullptr;
    QAbstractItemModelTester* m_modelTester = nullptr;
    QAbstractItemModelTester* m_proxyTester = nullptr;

    void feed(std::initializer_list<QString> topics)
    {
        bs::client::MqttMessageBatch batch;
        for (const QString& topic : topics)
            batch.append(message(topic));
        m_model->ingest(batch);
        m_model->applyPending();
    }

private slots:
    void init()
    {
        m_model = new TopicTreeModel(this);
        m_proxy = new TopicFilterProxy(this);
        m_proxy->setSourceModel(m_model);
        m_modelTester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        m_proxyTester = new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        feed({u"home/kitchen/temperature"_s, u"home/kitchen/humidity"_s, u"home/hall/temperature"_s,
              u"home/hall/light"_s, u"garden/temperature"_s, u"garden/pump/state"_s, u"home"_s,
              u"$SYS/broker/uptime"_s, u"$SYS/broker/clients/connected"_s});
    }
    void cleanup()
    {
        delete m_proxyTester;
        delete m_modelTester;
        delete m_proxy;
        delete m_model;
    }

    void emptyFilterShowsEverything()
    {
        QCOMPARE(m_proxy->filterMode(), TopicFilterProxy::FilterMode::None);
        QCOMPARE(visibleTopics(*m_proxy).size(), visibleTopics(*m_model).size());
        m_proxy->setFilterText(u"   "_s);
        QCOMPARE(m_proxy->filterMode(), TopicFilterProxy::FilterMode::None);
        QCOMPARE(visibleTopics(*m_proxy).size(), visibleTopics(*m_model).size());
    }

    void filters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<TopicFilterProxy::FilterMode>("mode");
        QTest::addColumn<QStringList>("visible");
        using Mode = TopicFilterProxy::FilterMode;
        QTest::newRow("substring, case-insensitive, ancestors kept")
            << u"TEMPER"_s << Mode::Substring
            << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temperature"_s, u"home/hall"_s,
                           u"home/hall/temperature"_s, u"garden"_s, u"garden/temperature"_s};
        QTest::newRow("substring across levels")
            << u"hall/li"_s << Mode::Substring << QStringList{u"home"_s, u"home/hall"_s, u"home/hall/light"_s};
        QTest::newRow("substring finds $SYS")
            << u"uptime"_s << Mode::Substring << QStringList{u"$SYS"_s, u"$SYS/broker"_s, u"$SYS/broker/uptime"_s};
        QTest::newRow("plus")
            << u"home/+/temperature"_s << Mode::TopicFilter
            << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temperature"_s, u"home/hall"_s,
                           u"home/hall/temperature"_s};
        QTest::newRow("plus matches topics, not bare levels")
            << u"garden/+"_s << Mode::TopicFilter << QStringList{u"garden"_s, u"garden/temperature"_s};
        QTest::newRow("leading plus")
            << u"+/temperature"_s << Mode::TopicFilter << QStringList{u"garden"_s, u"garden/temperature"_s};
        QTest::newRow("hash includes the parent topic")
            << u"home/#"_s << Mode::TopicFilter
            << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temperature"_s, u"home/kitchen/humidity"_s,
                           u"home/hall"_s, u"home/hall/temperature"_s, u"home/hall/light"_s};
        QTest::newRow("hash skips $SYS") << u"#"_s << Mode::TopicFilter
                                         << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temperature"_s,
                                                        u"home/kitchen/humidity"_s, u"home/hall"_s,
                                                        u"home/hall/temperature"_s, u"home/hall/light"_s, u"garden"_s,
                                                        u"garden/temperature"_s, u"garden/pump"_s, u"garden/pump/state"_s};
        QTest::newRow("leading plus skips $SYS") << u"+/broker/#"_s << Mode::TopicFilter << QStringList{};
        QTest::newRow("explicit $SYS")
            << u"$SYS/#"_s << Mode::TopicFilter
            << QStringList{u"$SYS"_s, u"$SYS/broker"_s, u"$SYS/broker/uptime"_s, u"$SYS/broker/clients"_s,
                           u"$SYS/broker/clients/connected"_s};
        QTest::newRow("no match") << u"nothing-like-this"_s << Mode::Substring << QStringList{};
        QTest::newRow("invalid: hash in the middle") << u"home/#/x"_s << Mode::Invalid << QStringList{};
        QTest::newRow("invalid: glued plus") << u"home/k+"_s << Mode::Invalid << QStringList{};
    }
    void filters()
    {
        QFETCH(QString, filter);
        QFETCH(TopicFilterProxy::FilterMode, mode);
        QFETCH(QStringList, visible);
        m_proxy->setFilterText(filter);
        QCOMPARE(m_proxy->filterMode(), mode);
        QCOMPARE(m_proxy->filterError().isEmpty(), mode != TopicFilterProxy::FilterMode::Invalid);
        QStringList shown = visibleTopics(*m_proxy);
        shown.sort();
        visible.sort();
        QCOMPARE(shown, visible);
    }

    void liveMessagesAppearUnderAFilter()
    {
        m_proxy->setFilterText(u"sensors/+/co2"_s);
        QVERIFY(visibleTopics(*m_proxy).isEmpty());
        feed({u"sensors/a/co2"_s, u"sensors/a/temp"_s});
        QCOMPARE(visibleTopics(*m_proxy), (QStringList{u"sensors"_s, u"sensors/a"_s, u"sensors/a/co2"_s}));
        feed({u"sensors/b/co2"_s});
        QCOMPARE(visibleTopics(*m_proxy).size(), 5);
        QVERIFY(m_model->removeTopic(u"sensors/a/co2"_s));
        QCOMPARE(visibleTopics(*m_proxy), (QStringList{u"sensors"_s, u"sensors/b"_s, u"sensors/b/co2"_s}));
        m_proxy->setFilterText(QString());
        QVERIFY(visibleTopics(*m_proxy).contains(u"sensors/a/temp"_s));
    }

    void sortsCountsNumerically()
    {
        bs::client::MqttMessageBatch batch;
        const QList<std::pair<QString, int>> counts{{u"n/nine"_s, 9}, {u"n/ten"_s, 10}, {u"n/hundred"_s, 100}, {u"n/two"_s, 2}};
        for (const auto& [topic, count] : counts) {
            for (int i = 0; i < count; ++i)
                batch.append(message(topic));
        }
        m_model->ingest(batch);
        m_model->applyPending();
        const QModelIndex n = proxyIndexOf(*m_proxy, u"n"_s);
        m_proxy->sort(TopicTreeModel::MessagesColumn, Qt::AscendingOrder);
        QCOMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"n"_s)), (QStringList{u"two"_s, u"nine"_s, u"ten"_s, u"hundred"_s}));
        m_proxy->sort(TopicTreeModel::MessagesColumn, Qt::DescendingOrder);
        QCOMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"n"_s)), (QStringList{u"hundred"_s, u"ten"_s, u"nine"_s, u"two"_s}));
        QVERIFY(n.isValid());

        // Sorted by a live column: a topic that overtakes another moves at the next
        // re-sort (at most one a second), not on every tick.
        QVERIFY(m_proxy->isLiveSorted());
        batch.clear();
        for (int i = 0; i < 100; ++i)
            batch.append(message(u"n/two"_s));
        m_model->ingest(batch);
        m_model->applyPending();
        QCOMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"n"_s)), (QStringList{u"hundred"_s, u"ten"_s, u"nine"_s, u"two"_s}));
        QCOMPARE(proxyIndexOf(*m_proxy, u"n/two"_s).siblingAtColumn(TopicTreeModel::MessagesColumn).data().toULongLong(), 102u);
        QTRY_COMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"n"_s)), (QStringList{u"two"_s, u"hundred"_s, u"ten"_s, u"nine"_s}));

        // New rows show at once and take their sorted place at the next re-sort.
        batch.clear();
        for (int i = 0; i < 50; ++i)
            batch.append(message(u"n/fifty"_s));
        m_model->ingest(batch);
        m_model->applyPending();
        QVERIFY(proxyIndexOf(*m_proxy, u"n/fifty"_s).isValid());
        QTRY_COMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"n"_s)),
                 (QStringList{u"two"_s, u"hundred"_s, u"fifty"_s, u"ten"_s, u"nine"_s}));
    }

    void sortsNumericallyThroughAnotherProxy()
    {
        // Over a model that is not a TopicTreeModel itself, sorting reads the numeric roles.
        QIdentityProxyModel identity;
        identity.setSourceModel(m_model);
        TopicFilterProxy proxy;
        proxy.setSourceModel(&identity);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bs::client::MqttMessageBatch batch;
        for (int i = 0; i < 12; ++i)
            batch.append(message(u"home/hall/light"_s));
        m_model->ingest(batch);
        m_model->applyPending();
        proxy.sort(TopicTreeModel::MessagesColumn, Qt::DescendingOrder);
        QCOMPARE(childNames(proxy, proxyIndexOf(proxy, u"home/hall"_s)), (QStringList{u"light"_s, u"temperature"_s}));
        proxy.sort(TopicTreeModel::TopicColumn, Qt::AscendingOrder);
        QCOMPARE(childNames(proxy, proxyIndexOf(proxy, u"home"_s)), (QStringList{u"hall"_s, u"kitchen"_s}));
        QCOMPARE(childNames(proxy), (QStringList{u"$SYS"_s, u"garden"_s, u"home"_s}));
    }

    void nameSortStaysDynamic()
    {
        m_proxy->sort(TopicTreeModel::TopicColumn, Qt::AscendingOrder);
        QVERIFY(!m_proxy->isLiveSorted());
        QVERIFY(m_proxy->dynamicSortFilter());
        feed({u"home/b"_s, u"home/a10"_s, u"home/a9"_s});
        QCOMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"home"_s)),
                 (QStringList{u"a9"_s, u"a10"_s, u"b"_s, u"hall"_s, u"kitchen"_s}));
    }

    void levelBecomingATopicIsFilteredInUnderLiveSort()
    {
        m_proxy->sort(TopicTreeModel::RateColumn, Qt::DescendingOrder);
        m_proxy->setFilterText(u"garden/+"_s);
        QVERIFY(!proxyIndexOf(*m_proxy, u"garden/pump"_s).isValid()); // a level, no message of its own
        feed({u"garden/pump"_s});
        QTRY_VERIFY(proxyIndexOf(*m_proxy, u"garden/pump"_s).isValid());
        // And without live sorting it is immediate.
        m_proxy->sort(-1);
        m_proxy->setFilterText(u"home/+"_s);
        QVERIFY(!proxyIndexOf(*m_proxy, u"home/kitchen"_s).isValid());
        feed({u"home/kitchen"_s});
        QVERIFY(proxyIndexOf(*m_proxy, u"home/kitchen"_s).isValid());
    }

    void sortsRatesAndNamesNaturally()
    {
        ManualClock clock;
        *clock.now = 1'700'000'000'000;
        m_model->setClock(clock.function());
        for (int step = 0; step < 11; ++step) {
            bs::client::MqttMessageBatch batch;
            for (int i = 0; i < 3; ++i)
                batch.append(message(u"s/s10"_s));
            batch.append(message(u"s/s2"_s));
            for (int i = 0; i < 2; ++i)
                batch.append(message(u"s/S1"_s));
            m_model->ingest(batch);
            m_model->applyPending();
            clock.advance(500);
        }
        m_proxy->sort(TopicTreeModel::RateColumn, Qt::DescendingOrder);
        QCOMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"s"_s)), (QStringList{u"s10"_s, u"S1"_s, u"s2"_s}));
        m_proxy->sort(TopicTreeModel::TopicColumn, Qt::AscendingOrder);
        QCOMPARE(childNames(*m_proxy, proxyIndexOf(*m_proxy, u"s"_s)), (QStringList{u"S1"_s, u"s2"_s, u"s10"_s}));
    }

    void compareNamesIsNatural_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("sign");
        QTest::newRow("numbers by value") << u"sensor9"_s << u"sensor10"_s << -1;
        QTest::newRow("case-insensitive") << u"Alpha"_s << u"beta"_s << -1;
        QTest::newRow("prefix first") << u"line"_s << u"line1"_s << -1;
        QTest::newRow("leading zeros") << u"a007"_s << u"a8"_s << -1;
        QTest::newRow("huge numbers") << u"n99999999999999999999"_s << u"n100000000000000000000"_s << -1;
        QTest::newRow("equal") << u"x1"_s << u"x1"_s << 0;
    }
    void compareNamesIsNatural()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, sign);
        const int order = TopicFilterProxy::compareNames(a, b);
        QCOMPARE((order > 0) - (order < 0), sign);
        const int reverse = TopicFilterProxy::compareNames(b, a);
        QCOMPARE((reverse > 0) - (reverse < 0), -sign);
    }
};

QTEST_GUILESS_MAIN(TopicFilterProxyTest)
#include "tst_topic_filter_proxy.moc"
