#include "client/TopicNames.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace bs::client {

namespace {

constexpr qsizetype kMaxTopicBytes = 65535;

QString commonProblem(QStringView text, const QString& what)
{
    if (text.isEmpty())
        return what + u" is empty"_s;
    if (text.contains(QChar(u'\0')))
        return what + u" contains a NUL character"_s;
    if (text.toUtf8().size() > kMaxTopicBytes)
        return what + u" is longer than 65,535 bytes"_s;
    return {};
}

} // namespace

QString topicFilterProblem(QStringView filter)
{
    if (QString problem = commonProblem(filter, u"The topic filter"_s); !problem.isEmpty())
        return problem;
    const auto levels = filter.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QStringView level = levels[i];
        if (level.contains(u'#') && (level.size() != 1 || i != levels.size() - 1))
            return u"'#' must be a whole level at the end of the filter"_s;
        if (level.contains(u'+') && level.size() != 1)
            return u"'+' must be a whole level"_s;
    }
    return {};
}

QString topicNameProblem(QStringView topic)
{
    if (QString problem = commonProblem(topic, u"The topic"_s); !problem.isEmpty())
        return problem;
    if (topic.contains(u'#') || topic.contains(u'+'))
        return u"A topic to publish to cannot contain the wildcards '+' or '#'"_s;
    return {};
}

} // namespace bs::client
