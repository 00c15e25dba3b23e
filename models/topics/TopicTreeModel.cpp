// TopicTreeModel: the QAbstractItemModel side (indexes and data). The update side
// (ingest, ticks, removal) is in TopicTreeUpdates.cpp.
#include "models/topics/TopicTreeModel.h"

#include "models/payload/PayloadPreview.h"
#include "models/topics/TimeText.h"
#include "models/topics/TopicNode.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bs::models {

TopicTreeModel::TopicTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<TopicNode>())
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setInterval(kUpdateIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TopicTreeModel::onTick);
}

TopicTreeModel::~TopicTreeModel() = default;

TopicNode* TopicTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<TopicNode*>(index.internalPointer()) : m_root.get();
}

QModelIndex TopicTreeModel::indexOfNode(const TopicNode* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<TopicNode*>(node));
}

QModelIndex TopicTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex TopicTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int TopicTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int TopicTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool TopicTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    return !nodeOf(parent)->children.empty();
}

QVariant TopicTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TopicNode* node = nodeOf(index);
    const client::MqttMessage* last = node->lastMessage.get();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TopicColumn:
            return node->name.isEmpty() ? u"(empty level)"_s : node->name;
        case MessagesColumn:
            return QVariant::fromValue<qulonglong>(node->totalCount);
        case RateColumn:
            return QString::number(node->rate, 'f', 1);
        case PayloadColumn:
            return last ? oneLinePreview(last->payload, kPreviewChars) : QString();
        case RetainedColumn:
            return node->isRetained() ? u"retained"_s : QString();
        case QosColumn:
            return last ? QVariant(int(last->qos)) : QVariant();
        case LastUpdateColumn:
            return node->lastUpdateMs ? localTimeOfDay(node->lastUpdateMs) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PayloadColumn && last)
            return oneLinePreview(last->payload, 400);
        return node->fullTopic;
    case Qt::TextAlignmentRole:
        if (index.column() == MessagesColumn || index.column() == RateColumn || index.column() == QosColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FullTopicRole:
        return node->fullTopic;
    case LastMessageRole:
        return QVariant::fromValue(node->lastMessage);
    case LastChangedRole:
        return node->lastChangedMs;
    case IsRetainedRole:
        return node->isRetained();
    case MessageCountRole:
        return QVariant::fromValue<qulonglong>(node->totalCount);
    case RateRole:
        return node->rate;
    case LastUpdateRole:
        return node->lastUpdateMs;
    case QosRole:
        return last ? int(last->qos) : -1;
    case IsTopicRole:
        return node->isTopic();
    default:
        return {};
    }
}

QVariant TopicTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case TopicColumn: return u"Topic"_s;
    case MessagesColumn: return u"Messages"_s;
    case RateColumn: return u"Rate (msg/s)"_s;
    case PayloadColumn: return u"Last payload"_s;
    case RetainedColumn: return u"Retained"_s;
    case QosColumn: return u"QoS"_s;
    case LastUpdateColumn: return u"Last update"_s;
    }
    return {};
}

QHash<int, QByteArray> TopicTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(FullTopicRole, "fullTopic"_ba);
    names.insert(LastMessageRole, "lastMessage"_ba);
    names.insert(LastChangedRole, "lastChanged"_ba);
    names.insert(IsRetainedRole, "isRetained"_ba);
    names.insert(MessageCountRole, "messageCount"_ba);
    names.insert(RateRole, "rate"_ba);
    names.insert(LastUpdateRole, "lastUpdate"_ba);
    names.insert(QosRole, "qos"_ba);
    names.insert(IsTopicRole, "isTopic"_ba);
    return names;
}

QList<int> TopicTreeModel::changedRoles(bool topicStateChanged)
{
    QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, LastMessageRole, LastChangedRole, IsRetainedRole,
                     MessageCountRole, RateRole, LastUpdateRole, QosRole};
    if (topicStateChanged)
        roles.append(IsTopicRole);
    return roles;
}

double TopicTreeModel::sortKey(const QModelIndex& index) const
{
    const TopicNode* node = nodeOf(index);
    switch (index.column()) {
    case MessagesColumn: return double(node->totalCount);
    case RateColumn: return node->rate;
    case RetainedColumn: return node->isRetained() ? 1 : 0;
    case QosColumn: return node->lastMessage ? node->lastMessage->qos : -1;
    case LastUpdateColumn: return double(node->lastUpdateMs);
    default: return std::numeric_limits<double>::quiet_NaN();
    }
}

const QString& TopicTreeModel::levelName(const QModelIndex& index) const
{
    return nodeOf(index)->name;
}

QModelIndex TopicTreeModel::indexOfTopic(const QString& topic, int column) const
{
    const TopicNode* node = m_byTopic.value(topic);
    if (!node || node->createdTick == m_tick)
        return {};
    return indexOfNode(node, column);
}

QStringList TopicTreeModel::retainedTopicsUnder(const QModelIndex& index) const
{
    QStringList topics;
    std::vector<const TopicNode*> stack{nodeOf(index)};
    while (!stack.empty()) {
        const TopicNode* node = stack.back();
        stack.pop_back();
        if (node->isRetained())
            topics.append(node->fullTopic);
        for (const auto& child : node->children)
            stack.push_back(child.get());
    }
    topics.sort();
    return topics;
}

quint64 TopicTreeModel::totalMessageCount() const
{
    return m_root->totalCount;
}

void TopicTreeModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

} // namespace bs::models
