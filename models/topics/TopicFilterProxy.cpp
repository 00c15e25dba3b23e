#include "models/topics/TopicFilterProxy.h"

#include "models/topics/TopicTreeModel.h"

using namespace Qt::StringLiterals;

namespace bs::models {

TopicFilterProxy::TopicFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
    // The model names this role in dataChanged only when a row's acceptance can change
    // (a level became a topic); otherwise the proxy skips re-checking every ancestor.
    setFilterRole(TopicTreeModel::IsTopicRole);
    m_liveResort.setInterval(kLiveResortIntervalMs);
    connect(&m_liveResort, &QTimer::timeout, this, &TopicFilterProxy::resortLive);
}

void TopicFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    disconnect(m_sourceDataChanged);
    disconnect(m_sourceRowsInserted);
    m_tree = qobject_cast<const TopicTreeModel*>(model);
    QSortFilterProxyModel::setSourceModel(model);
    if (model) {
        m_sourceDataChanged = connect(model, &QAbstractItemModel::dataChanged, this,
                                      [this](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
                                          onSourceDataChanged(roles);
                                      });
        m_sourceRowsInserted = connect(model, &QAbstractItemModel::rowsInserted, this, [this] { m_liveDataChanged = true; });
    }
}

void TopicFilterProxy::sort(int column, Qt::SortOrder order)
{
    const bool live = column > TopicTreeModel::TopicColumn && column < TopicTreeModel::ColumnCount;
    if (live) {
        setDynamicSortFilter(false);
        m_liveResort.start();
    } else {
        m_liveResort.stop();
    }
    QSortFilterProxyModel::sort(column, order);
    if (!live && !dynamicSortFilter())
        setDynamicSortFilter(true); // back to exact live filtering and name order
    m_liveDataChanged = false;
    m_topicStateChanged = false;
}

void TopicFilterProxy::onSourceDataChanged(const QList<int>& roles)
{
    if (!m_liveResort.isActive())
        return;
    m_liveDataChanged = true;
    if (roles.isEmpty() || roles.contains(TopicTreeModel::IsTopicRole))
        m_topicStateChanged = true;
}

void TopicFilterProxy::resortLive()
{
    if (m_topicStateChanged && m_mode != FilterMode::None)
        invalidateFilter();
    if (m_liveDataChanged)
        QSortFilterProxyModel::sort(sortColumn(), sortOrder()); // not dynamic: this re-sorts
    m_liveDataChanged = false;
    m_topicStateChanged = false;
}

void TopicFilterProxy::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    const QString trimmed = text.trimmed();
    m_needle = trimmed;
    if (trimmed.isEmpty()) {
        m_mode = FilterMode::None;
    } else if (trimmed.contains(u'+') || trimmed.contains(u'#')) {
        m_filter = mqtt::TopicFilter(trimmed);
        m_mode = m_filter.isValid() ? FilterMode::TopicFilter : FilterMode::Invalid;
    } else {
        m_mode = FilterMode::Substring;
    }
    invalidateFilter();
    emit filterTextChanged(text);
}

QString TopicFilterProxy::filterError() const
{
    if (m_mode != FilterMode::Invalid)
        return {};
    return u"Not a valid MQTT topic filter: '#' must be the whole last level and '+' a whole level (e.g. a/+/c or a/#)."_s;
}

bool TopicFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_mode == FilterMode::None)
        return true;
    if (m_mode == FilterMode::Invalid)
        return false;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!index.data(TopicTreeModel::IsTopicRole).toBool())
        return false; // a level nobody published to; shown only above a match
    const QString topic = index.data(TopicTreeModel::FullTopicRole).toString();
    if (m_mode == FilterMode::Substring)
        return topic.contains(m_needle, Qt::CaseInsensitive);
    return m_filter.match(mqtt::TopicName(topic));
}

bool TopicFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    int order = 0;
    if (left.column() == TopicTreeModel::PayloadColumn) {
        order = left.data().toString().compare(right.data().toString(), Qt::CaseInsensitive);
    } else if (m_tree) {
        const double a = m_tree->sortKey(left);
        const double b = m_tree->sortKey(right);
        order = a < b ? -1 : (b < a ? 1 : 0); // NaN (the Topic column) compares equal
    } else if (left.column() != TopicTreeModel::TopicColumn) {
        const QVariant a = left.data(numericRole(left.column()));
        const QVariant b = right.data(numericRole(left.column()));
        const QPartialOrdering ordering = QVariant::compare(a, b);
        order = ordering == QPartialOrdering::Less ? -1 : (ordering == QPartialOrdering::Greater ? 1 : 0);
    }
    if (order != 0)
        return order < 0;
    // Ties (and the Topic column) fall back to the name, so the order is stable.
    if (m_tree)
        return compareNames(m_tree->levelName(left), m_tree->levelName(right)) < 0;
    return compareNames(left.siblingAtColumn(TopicTreeModel::TopicColumn).data(TopicTreeModel::FullTopicRole).toString(),
                        right.siblingAtColumn(TopicTreeModel::TopicColumn).data(TopicTreeModel::FullTopicRole).toString())
        < 0;
}

int TopicFilterProxy::numericRole(int column)
{
    switch (column) {
    case TopicTreeModel::MessagesColumn: return TopicTreeModel::MessageCountRole;
    case TopicTreeModel::RateColumn: return TopicTreeModel::RateRole;
    case TopicTreeModel::RetainedColumn: return TopicTreeModel::IsRetainedRole;
    case TopicTreeModel::QosColumn: return TopicTreeModel::QosRole;
    case TopicTreeModel::LastUpdateColumn: return TopicTreeModel::LastUpdateRole;
    default: return Qt::DisplayRole;
    }
}

int TopicFilterProxy::compareNames(const QString& a, const QString& b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype iEnd = i;
            qsizetype jEnd = j;
            while (iEnd < a.size() && a[iEnd].isDigit())
                ++iEnd;
            while (jEnd < b.size() && b[jEnd].isDigit())
                ++jEnd;
            // Compare digit runs by value: skip leading zeros, then longer is bigger.
            qsizetype iSig = i;
            qsizetype jSig = j;
            while (iSig + 1 < iEnd && a[iSig] == u'0')
                ++iSig;
            while (jSig + 1 < jEnd && b[jSig] == u'0')
                ++jSig;
            if (iEnd - iSig != jEnd - jSig)
                return iEnd - iSig < jEnd - jSig ? -1 : 1;
            const int digits = QStringView(a).sliced(iSig, iEnd - iSig).compare(QStringView(b).sliced(jSig, jEnd - jSig));
            if (digits != 0)
                return digits;
            i = iEnd;
            j = jEnd;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return QString::compare(a, b); // equal but for case or leading zeros: still a total order
}

} // namespace bs::models
