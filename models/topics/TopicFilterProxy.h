#pragma once
// Filter and sort for the topic tree. The filter text is either a case-insensitive
// substring of the full topic, or, when it contains '+' or '#', an MQTT topic filter
// matched with bs::mqtt::TopicFilter (wildcards, and the rule that a leading wildcard does
// not match "$SYS/..." topics). Either way only topics that received a message match;
// filtering is recursive, so the levels above a match stay visible. An invalid MQTT
// filter ("a/#/b") matches nothing and filterError() says why. Sorting uses the model's
// numeric roles, so 10 sorts after 9; topic names sort naturally ("s2" < "s10").
//
// Sorting by a live column (Messages, Rate, ...) re-sorts at most once per
// kLiveResortIntervalMs instead of on every tick: a dynamic re-sort would move rows in up
// to one layoutChanged per parent per tick (thousands a second in a flood), and rows
// reshuffling 20 times a second cannot be read anyway. New rows show at once (at the
// end) and take their place at the next re-sort; filtering stays exact (a level that
// becomes a topic is re-filtered at the next re-sort). Sorting by topic name stays fully
// dynamic.

#include "broker/protocol/Topic.h"

#include <QSortFilterProxyModel>
#include <QTimer>

namespace bs::models {

class TopicTreeModel;

class TopicFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class FilterMode : quint8
    {
        None,        ///< Empty text: everything is shown.
        Substring,
        TopicFilter, ///< '+' or '#' in the text.
        Invalid,     ///< '+' or '#' in the text, but not a valid filter: nothing is shown.
    };
    Q_ENUM(FilterMode)

    static constexpr int kLiveResortIntervalMs = 1000;

    explicit TopicFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* sourceModel) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// True while sorted by a column whose values change with traffic.
    bool isLiveSorted() const { return m_liveResort.isActive(); }

    QString filterText() const { return m_text; }
    FilterMode filterMode() const { return m_mode; }
    /// Empty unless filterMode() is Invalid.
    QString filterError() const;

    /// Natural, case-insensitive order of topic level names: "s2" < "S10" < "t".
    static int compareNames(const QString& a, const QString& b);

public slots:
    void setFilterText(const QString& text);

signals:
    void filterTextChanged(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    static int numericRole(int column);
    void onSourceDataChanged(const QList<int>& roles);
    void resortLive();

    const TopicTreeModel* m_tree = nullptr; ///< The source, when it is one (fast sort keys).
    QMetaObject::Connection m_sourceDataChanged;
    QMetaObject::Connection m_sourceRowsInserted;
    QTimer m_liveResort;
    bool m_liveDataChanged = false; ///< Since the last live re-sort.
    bool m_topicStateChanged = false; ///< A row's acceptance may have changed since then.
    QString m_text;
    QString m_needle; ///< m_text without surrounding spaces.
    FilterMode m_mode = FilterMode::None;
    mqtt::TopicFilter m_filter;
};

} // namespace bs::models
