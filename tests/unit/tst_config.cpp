// The broker config file: Mosquitto-style "key value" lines; errors name the line.
#include "broker/BrokerConfig.h"

#include <QTemporaryDir>
#include <QTest>

using bs::broker::BrokerConfig;

class ConfigTest : public QObject
{
    Q_OBJECT
private slots:
    void parsesEveryOption()
    {
        QString error;
        const auto config = BrokerConfig::parse(QStringLiteral(
            "# comment\n"
            "listener 1999 127.0.0.1\n"
            "\n"
            "data_directory /tmp/bs-data\n"
            "receive_maximum 20\n"
            "max_packet_size 4096\n"
            "max_topic_alias 5\n"
            "max_queued_messages 50\n"
            "max_keepalive 120\n"
            "sys_interval 0\n"), &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->port, quint16(1999));
        QCOMPARE(config->address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config->dataDirectory, QStringLiteral("/tmp/bs-data"));
        QCOMPARE(config->receiveMaximum, quint16(20));
        QCOMPARE(config->maximumPacketSize, 4096u);
        QCOMPARE(config->topicAliasMaximum, quint16(5));
        QCOMPARE(config->maxQueuedMessages, 50u);
        QCOMPARE(config->maxKeepAlive, quint16(120));
        QCOMPARE(config->sysIntervalSeconds, 0);
    }

    // Storage keys: fsync policy, retention in all, per age and per topic pattern.
    void parsesStorageOptions()
    {
        QString error;
        const auto config = BrokerConfig::parse(QStringLiteral(
            "fsync always\n"
            "fsync_interval 250ms\n"
            "retention_bytes 2G\n"
            "retention_age 12h\n"
            "retention_topic sensors/# 100M 1d\n"
            "retention_topic audit/+ - 30d\n"
            "segment_bytes 8M\n"
            "group_max_deliveries 3\n"
            "group_max_lag 100000\n"
            "dlq_max_replays 7\n"
            "admin_access all\n"
            "group_stats_interval 500ms\n"), &error);
        QVERIFY2(config, qPrintable(error));
        const bs::storage::StorageOptions& storage = config->storage;
        QCOMPARE(storage.fsync, bs::storage::FsyncPolicy::Always);
        QCOMPARE(storage.fsyncIntervalMs, 250);
        QCOMPARE(storage.totalMaxBytes, 2LL * 1024 * 1024 * 1024);
        QCOMPARE(storage.maxAgeMs, 12LL * 3600 * 1000);
        QCOMPARE(storage.segmentBytes, 8LL * 1024 * 1024);
        QCOMPARE(storage.rules.size(), 2);
        // First matching rule wins; topics no rule matches get the defaults.
        QCOMPARE(storage.maxBytesFor(QStringLiteral("sensors/a/b")), 100LL * 1024 * 1024);
        QCOMPARE(storage.maxAgeFor(QStringLiteral("sensors/a/b")), 24LL * 3600 * 1000);
        QCOMPARE(storage.maxBytesFor(QStringLiteral("audit/x")), -1);
        QCOMPARE(storage.maxAgeFor(QStringLiteral("audit/x")), 30LL * 24 * 3600 * 1000);
        QCOMPARE(storage.maxAgeFor(QStringLiteral("other")), 12LL * 3600 * 1000);
        QCOMPARE(BrokerConfig{}.storage.fsync, bs::storage::FsyncPolicy::Interval);
        QCOMPARE(config->groupMaxDeliveries, 3);
        QCOMPARE(config->groupMaxLag, 100000u);
        QCOMPARE(config->deadLetterMaxReplays, 7);
        QCOMPARE(BrokerConfig{}.deadLetterMaxReplays, 3);
        QCOMPARE(config->adminAccess, bs::broker::AdminAccess::All);
        QCOMPARE(config->groupStatsIntervalMs, 500);
    }

    void errorsNameTheLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << QStringLiteral("listener 1\nfrobnicate yes\n") << QStringLiteral("line 2: unknown option 'frobnicate'");
        QTest::newRow("bad number") << QStringLiteral("\n\nreceive_maximum lots\n") << QStringLiteral("line 3: 'lots' is not a number from 1 to 65535");
        QTest::newRow("out of range") << QStringLiteral("receive_maximum 0\n") << QStringLiteral("line 1: '0' is not a number from 1 to 65535");
        QTest::newRow("bad address") << QStringLiteral("listener 1883 not-an-ip\n") << QStringLiteral("line 1: 'not-an-ip' is not an IP address");
        QTest::newRow("bad fsync") << QStringLiteral("fsync sometimes\n") << QStringLiteral("line 1: 'sometimes' is not an fsync policy (always, interval, never)");
        QTest::newRow("bad size") << QStringLiteral("retention_bytes lots\n") << QStringLiteral("line 1: 'lots' is not a size (e.g. 500M, 1G)");
        QTest::newRow("bad age") << QStringLiteral("retention_age 3 days\n") << QStringLiteral("line 1: 'retention_age' takes 1 value(s)");
        QTest::newRow("bad rule filter") << QStringLiteral("retention_topic a/#/b 1M 1d\n") << QStringLiteral("line 1: 'a/#/b' is not a topic filter");
        QTest::newRow("bad rule age") << QStringLiteral("retention_topic a/# 1M soon\n") << QStringLiteral("line 1: 'soon' is not a duration (e.g. 30m, 12h, 7d)");
        QTest::newRow("missing value") << QStringLiteral("sys_interval\n") << QStringLiteral("line 1: 'sys_interval' takes 1 value(s)");
    }
    void errorsNameTheLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!BrokerConfig::parse(text, &error));
        QCOMPARE(error, expected);
    }

    void missingFileIsAnError()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!BrokerConfig::fromFile(dir.filePath(QStringLiteral("absent.conf")), &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot read ")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(ConfigTest)
#include "tst_config.moc"
