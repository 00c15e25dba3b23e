#pragma once
// The admin API from a raw client: publishes a JSON request to $CONTROL/brokerscope/v1 with
// a Response Topic and Correlation Data, and returns the parsed answer. The client must
// have subscribed to kAdminReplies. Records a QtTest failure like the helpers in Expect.h.

#include "raw/RawClient.h"

#include <QJsonObject>

namespace bs::raw {

inline constexpr char kAdminReplies[] = "admin/replies";

class AdminCaller
{
public:
    explicit AdminCaller(RawClient& client) : m_client(client) {}

    /// Sends body; *reply is the whole answer ({"command", "result"} or {"command", "error"}).
    void call(const QByteArray& body, QJsonObject* reply, const QByteArray& correlation = "c1");
    /// The same, requiring success: *result is the answer's "result".
    void result(const QByteArray& body, QJsonObject* result);
    /// The same, requiring an error with this code.
    void error(const QByteArray& body, const QString& code);

private:
    RawClient& m_client;
    quint16 m_nextId = 1000;
};

} // namespace bs::raw
