#pragma once
// The status bar's connection indicator: a coloured dot, the state, the broker, and the
// reason of the last change (e.g. "Reconnecting — connection refused by 127.0.0.1:1883").

#include "client/MqttClient.h"

#include <QLabel>

namespace bs::ui {

class ConnectionStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ConnectionStatusLabel(client::MqttClient& client, QWidget* parent = nullptr);

private:
    void update(client::ConnectionState state, const QString& detail);

    client::MqttClient& m_client;
};

} // namespace bs::ui
