#include "ui/widgets/ConnectionStatusLabel.h"

namespace bs::ui {

using client::ConnectionState;

ConnectionStatusLabel::ConnectionStatusLabel(client::MqttClient& client, QWidget* parent)
    : QLabel(parent), m_client(client)
{
    setTextFormat(Qt::RichText);
    connect(&m_client, &client::MqttClient::stateChanged, this, &ConnectionStatusLabel::update);
    update(m_client.state(), {});
}

void ConnectionStatusLabel::update(ConnectionState state, const QString& detail)
{
    QString colour;
    switch (state) {
    case ConnectionState::Connected: colour = QStringLiteral("#1e8e3e"); break;
    case ConnectionState::Connecting:
    case ConnectionState::Reconnecting: colour = QStringLiteral("#e37400"); break;
    case ConnectionState::Disconnected: colour = QStringLiteral("#b3261e"); break;
    }
    const client::ConnectionProfile profile = m_client.profile();
    QString text = QStringLiteral("<span style='color:%1'>&#9679;</span> %2")
                       .arg(colour, client::toString(state).toHtmlEscaped());
    if (!profile.host.isEmpty())
        text += QStringLiteral(" — ") + profile.displayName().toHtmlEscaped() + QStringLiteral(" (")
              + profile.serverUri().toHtmlEscaped() + u')';
    if (!detail.isEmpty())
        text += QStringLiteral(" — ") + detail.toHtmlEscaped();
    setText(text);
    setToolTip(detail);
}

} // namespace bs::ui
