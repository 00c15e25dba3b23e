// mqtt_load: a load generator for any MQTT 5 broker on loopback. N publishers send stamped
// payloads to <prefix>/p<i> (QoS 0/1/2, fixed rate or as fast as a bounded window allows);
// M subscribers take <prefix>/# (optionally through $share/<group>/). The report gives sent,
// received, loss, duplicates, throughput and publish-to-delivery latency percentiles.
//
//   mqtt_load --port 1883 --publishers 8 --subscribers 1 --qos 1 --payload-bytes 1024 --duration 10
#include "LoadOptions.h"
#include "LoadRun.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mqtt_load"));
    const auto options = bs::bench::parseLoadOptions(QCoreApplication::arguments());
    if (!options)
        return 2;
    bs::bench::LoadRun run(*options);
    QObject::connect(&run, &bs::bench::LoadRun::finished, &app, &QCoreApplication::exit);
    QMetaObject::invokeMethod(&run, &bs::bench::LoadRun::start, Qt::QueuedConnection);
    return app.exec();
}
