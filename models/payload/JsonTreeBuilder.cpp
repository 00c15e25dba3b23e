#include "models/payload/JsonTreeBuilder.h"

#include "models/payload/PayloadPreview.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

struct Frame
{
    int node = -1;            ///< -1: this container is not materialised (beyond the cap).
    bool object = false;
    bool expectingMember = true;
    qint64 members = 0;
    qint64 skipped = 0;       ///< Children not materialised because of the cap.
};

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

class Parser
{
public:
    Parser(QByteArrayView json, int nodeLimit)
        : m_json(json)
        , m_limit(nodeLimit)
    {
        // A value and its separator take two bytes or more: no more nodes than that, nor
        // than the cap.
        m_build.nodes.reserve(size_t(std::min<qsizetype>(json.size() / 2 + 2, qsizetype(nodeLimit) + 64)));
        m_build.nodes.emplace_back(); // the root
    }

    JsonTreeBuild run()
    {
        if (parseDocument())
            m_build.ok = true;
        return std::move(m_build);
    }

private:
    bool atEnd() const { return m_pos >= m_json.size(); }
    char peek() const { return m_json[m_pos]; }

    void skipBlanks()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    bool fail(const QString& what)
    {
        qsizetype line = 1;
        qsizetype lineStart = 0;
        const qsizetype end = std::min(m_pos, m_json.size());
        for (qsizetype i = 0; i < end; ++i) {
            if (m_json[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        m_build.errorOffset = m_pos;
        m_build.error = u"line %1, column %2: %3"_s.arg(line).arg(m_pos - lineStart + 1).arg(what);
        return false;
    }

    /// Adds a child to `parent` (a materialised node) if the cap allows; -1 otherwise.
    int addNode(int parent, JsonNodeType type, QString key, QString value = {})
    {
        ++m_build.totalValues;
        if (parent < 0)
            return -1;
        if (int(m_build.nodes.size()) - 1 >= m_limit) {
            m_build.truncated = true;
            return -1;
        }
        const int id = int(m_build.nodes.size());
        JsonTreeNode node;
        node.parent = parent;
        node.row = int(m_build.nodes[size_t(parent)].children.size());
        node.type = type;
        node.key = oneLineText(key);
        if (value.size() > JsonTreeMaxValueChars) {
            value.truncate(JsonTreeMaxValueChars);
            node.valueElided = true;
        }
        node.value = oneLineText(value);
        m_build.nodes[size_t(parent)].children.append(id);
        m_build.nodes.push_back(std::move(node));
        return id;
    }

    void addMarker(int parent, qint64 skipped)
    {
        const int id = int(m_build.nodes.size());
        JsonTreeNode marker;
        marker.parent = parent;
        marker.row = int(m_build.nodes[size_t(parent)].children.size());
        marker.type = JsonNodeType::Truncated;
        marker.key = u"…"_s;
        marker.value = QCoreApplication::translate("JsonTreeModel", "%n more not shown (node limit)",
                                                   nullptr, int(std::min<qint64>(skipped, INT_MAX)));
        m_build.nodes[size_t(parent)].children.append(id);
        m_build.nodes.push_back(std::move(marker));
    }

    bool parseDocument()
    {
        skipBlanks();
        if (atEnd())
            return fail(u"the document is empty"_s);
        if (peek() == '{' || peek() == '[') {
            JsonTreeNode& root = m_build.nodes[0];
            root.type = peek() == '{' ? JsonNodeType::Object : JsonNodeType::Array;
            m_stack.push_back({0, peek() == '{', true, 0, 0});
            ++m_pos;
            if (!parseContainers())
                return false;
        } else if (!parseValue(0, u"(value)"_s)) {
            return false;
        }
        skipBlanks();
        if (!atEnd())
            return fail(u"unexpected data after the end of the document"_s);
        return true;
    }

    bool parseContainers()
    {
        while (!m_stack.empty()) {
            skipBlanks();
            if (atEnd())
                return fail(m_stack.back().object ? u"unexpected end: an object is not closed"_s
                                                  : u"unexpected end: an array is not closed"_s);
            const char c = peek();
            Frame& frame = m_stack.back();
            if (c == (frame.object ? '}' : ']')) {
                if (frame.expectingMember && frame.members > 0)
                    return fail(u"a comma is followed by a closing bracket"_s);
                ++m_pos;
                closeContainer();
                continue;
            }
            if (!frame.expectingMember) {
                if (c != ',')
                    return fail(frame.object ? u"expected ',' or '}'"_s : u"expected ',' or ']'"_s);
                ++m_pos;
                frame.expectingMember = true;
                continue;
            }
            QString key;
            if (frame.object) {
                if (c != '"')
                    return fail(u"expected a member name in double quotes"_s);
                if (!parseString(&key))
                    return false;
                skipBlanks();
                if (atEnd() || peek() != ':')
                    return fail(u"expected ':' after a member name"_s);
                ++m_pos;
                skipBlanks();
            } else {
                key = u'[' + QString::number(frame.members) + u']';
            }
            frame.expectingMember = false;
            ++frame.members;
            const int parent = frame.node;
            if (!parseValue(parent, std::move(key)))
                return false; // `frame` may dangle after parseValue pushed: not used below
        }
        return true;
    }

    void closeContainer()
    {
        const Frame frame = m_stack.back();
        m_stack.pop_back();
        if (frame.node < 0)
            return;
        JsonTreeNode& node = m_build.nodes[size_t(frame.node)];
        if (frame.members == 0)
            node.value = frame.object ? u"empty object"_s : u"empty array"_s;
        else if (frame.object)
            node.value = frame.members == 1 ? u"1 key"_s : u"%1 keys"_s.arg(frame.members);
        else
            node.value = frame.members == 1 ? u"1 item"_s : u"%1 items"_s.arg(frame.members);
        if (frame.skipped > 0)
            addMarker(frame.node, frame.skipped);
    }

    void noteSkipped(int parent)
    {
        if (parent >= 0 && !m_stack.empty()) {
            // The parent is the innermost open container (or the root, when parsing a
            // scalar document, which never hits the cap).
            ++m_stack.back().skipped;
        }
    }

    bool parseValue(int parent, QString key)
    {
        if (atEnd())
            return fail(u"expected a value"_s);
        const char c = peek();
        if (c == '{' || c == '[') {
            const bool object = c == '{';
            const int id = addNode(parent, object ? JsonNodeType::Object : JsonNodeType::Array,
                                   std::move(key));
            if (id < 0)
                noteSkipped(parent);
            ++m_pos;
            m_stack.push_back({id, object, true, 0, 0});
            return true;
        }
        JsonNodeType type;
        QString text;
        if (c == '"') {
            type = JsonNodeType::String;
            if (!parseString(&text))
                return false;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            type = JsonNodeType::Number;
            if (!parseNumber(&text))
                return false;
        } else if (matchLiteral("true") || matchLiteral("false")) {
            type = JsonNodeType::Bool;
            text = c == 't' ? u"true"_s : u"false"_s;
        } else if (matchLiteral("null")) {
            type = JsonNodeType::Null;
            text = u"null"_s;
        } else {
            return fail(u"expected a value (object, array, string, number, true, false or null)"_s);
        }
        if (addNode(parent, type, std::move(key), std::move(text)) < 0)
            noteSkipped(parent);
        return true;
    }

    bool matchLiteral(const char* literal)
    {
        const QByteArrayView word(literal);
        if (m_json.sliced(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    bool parseNumber(QString* out)
    {
        const qsizetype start = m_pos;
        const auto digits = [this] {
            const qsizetype from = m_pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9')
                ++m_pos;
            return m_pos - from;
        };
        if (peek() == '-')
            ++m_pos;
        if (!atEnd() && peek() == '0')
            ++m_pos;
        else if (digits() == 0)
            return fail(u"a number needs digits"_s);
        if (!atEnd() && peek() == '.') {
            ++m_pos;
            if (digits() == 0)
                return fail(u"a number needs digits after '.'"_s);
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (digits() == 0)
                return fail(u"a number needs digits in its exponent"_s);
        }
        *out = QString::fromLatin1(m_json.sliced(start, m_pos - start));
        return true;
    }

    bool parseString(QString* out)
    {
        ++m_pos; // opening quote
        qsizetype runStart = m_pos;
        while (true) {
            if (atEnd())
                return fail(u"unexpected end inside a string"_s);
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                out->append(QString::fromUtf8(m_json.sliced(runStart, m_pos - runStart)));
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail(u"a control character inside a string must be escaped"_s);
            if (c != '\\') {
                ++m_pos;
                continue;
            }
            out->append(QString::fromUtf8(m_json.sliced(runStart, m_pos - runStart)));
            ++m_pos;
            if (atEnd())
                return fail(u"unexpected end inside a string"_s);
            const char escape = peek();
            ++m_pos;
            switch (escape) {
            case '"': out->append(u'"'); break;
            case '\\': out->append(u'\\'); break;
            case '/': out->append(u'/'); break;
            case 'b': out->append(u'\b'); break;
            case 'f': out->append(u'\f'); break;
            case 'n': out->append(u'\n'); break;
            case 'r': out->append(u'\r'); break;
            case 't': out->append(u'\t'); break;
            case 'u': {
                if (m_json.size() - m_pos < 4)
                    return fail(u"\\u needs four hex digits"_s);
                char16_t code = 0;
                for (int i = 0; i < 4; ++i) {
                    const int digit = hexDigitValue(m_json[m_pos + i]);
                    if (digit < 0)
                        return fail(u"\\u needs four hex digits"_s);
                    code = char16_t(code * 16 + digit);
                }
                out->append(QChar(code));
                m_pos += 4;
                break;
            }
            default:
                --m_pos;
                return fail(u"unknown escape in a string"_s);
            }
            runStart = m_pos;
        }
    }

    QByteArrayView m_json;
    int m_limit;
    qsizetype m_pos = 0;
    std::vector<Frame> m_stack;
    JsonTreeBuild m_build;
};

} // namespace

JsonTreeBuild buildJsonTree(QByteArrayView json, int nodeLimit)
{
    return Parser(json, std::max(nodeLimit, 1)).run();
}

} // namespace bs::models
