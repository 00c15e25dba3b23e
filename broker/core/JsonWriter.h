#pragma once
// A small streaming JSON writer for the admin API's big answers (listTopics with 10,000
// topics): appending to one QByteArray is several times faster than building a QJsonArray
// of QJsonObjects and serializing it. Commas are placed by a stack of "first element" flags.
// Output is compact UTF-8 JSON; strings are escaped per RFC 8259 §7.

#include <QByteArray>
#include <QString>
#include <vector>

namespace bs::broker {

class JsonWriter
{
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    /// The key of the next value in an object.
    JsonWriter& key(QLatin1StringView name);
    JsonWriter& value(const QString& text);
    JsonWriter& value(qint64 number);
    JsonWriter& value(bool flag);
    /// Inserts already serialized JSON as the next value.
    JsonWriter& raw(const QByteArray& json);

    const QByteArray& bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separate();

    QByteArray m_out;
    std::vector<bool> m_first; ///< Per open object/array: nothing written in it yet.
    bool m_afterKey = false;
};

} // namespace bs::broker
