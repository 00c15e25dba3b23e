#include "models/payload/JsonFormat.h"

namespace bs::models {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

QByteArray indentJson(QByteArrayView json, int indent)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    const auto newline = [&] {
        out += '\n';
        out.append(qsizetype(std::max(depth, 0)) * indent, ' ');
    };
    const auto nextNonBlank = [&](qsizetype from) {
        while (from < json.size() && isBlank(json[from]))
            ++from;
        return from < json.size() ? json[from] : '\0';
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            const qsizetype start = i++;
            while (i < json.size() && json[i] != '"')
                i += json[i] == '\\' ? 2 : 1;
            const qsizetype end = std::min(i + 1, json.size());
            out.append(json.sliced(start, end - start));
            continue;
        }
        if (isBlank(c))
            continue;
        switch (c) {
        case '{':
        case '[': {
            out += c;
            const char close = c == '{' ? '}' : ']';
            if (nextNonBlank(i + 1) == close) {
                while (json[i] != close) // the blanks between, then the close itself
                    ++i;
                out += close;
            } else {
                ++depth;
                newline();
            }
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace bs::models
