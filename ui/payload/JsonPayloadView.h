#pragma once
// JSON two ways side by side: the text pretty-printed (member order and numbers exactly as
// sent) and coloured, and a collapsible tree (key / value / type) on JsonTreeModel. Broken
// JSON shows the raw text with a note saying where it breaks; the tree shows the same
// error row. Documents above PrettyPrintLimit are shown raw (no re-indenting, no colours).
// The tree's context menu copies a row's key, value or path ("$.a.b[2]").

#include <QByteArray>
#include <QWidget>

class QLabel;
class QSplitter;
class QTreeView;

namespace bs::models {
class JsonTreeModel;
}

namespace bs::ui {

class JsonHighlighter;
class TextPayloadView;

class JsonPayloadView : public QWidget
{
    Q_OBJECT
public:
    /// Re-indenting is linear but not free (about 15 ms per MB): bigger documents are shown
    /// as sent.
    static constexpr qsizetype PrettyPrintLimit = 4 * 1024 * 1024;
    /// Trees with at most this many nodes open fully expanded; bigger ones open with their
    /// top-level rows expanded if there are at most ExpandTopLevelLimit of them (expanding
    /// tens of thousands of rows would stall the window), else collapsed.
    static constexpr int ExpandAllLimit = 2000;
    static constexpr int ExpandTopLevelLimit = 200;

    explicit JsonPayloadView(QWidget* parent = nullptr);

    void setPayload(const QByteArray& json);
    void clear();

    TextPayloadView* textView() const { return m_text; }
    QTreeView* treeView() const { return m_tree; }
    bs::models::JsonTreeModel* treeModel() const { return m_model; }
    QString treeStatus() const;

private:
    void showTreeMenu(const QPoint& position);

    TextPayloadView* m_text;
    JsonHighlighter* m_highlighter;
    QSplitter* m_splitter;
    QTreeView* m_tree;
    QLabel* m_treeStatus;
    bs::models::JsonTreeModel* m_model;
};

} // namespace bs::ui
