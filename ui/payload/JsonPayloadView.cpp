#include "ui/payload/JsonPayloadView.h"

#include "models/payload/JsonFormat.h"
#include "models/payload/JsonTreeModel.h"
#include "models/payload/PayloadPreview.h"
#include "ui/payload/JsonHighlighter.h"
#include "ui/payload/TextPayloadView.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace bs::ui {

using bs::models::JsonTreeModel;

JsonPayloadView::JsonPayloadView(QWidget* parent)
    : QWidget(parent)
    , m_text(new TextPayloadView(this))
    , m_highlighter(new JsonHighlighter(m_text->editor()->document()))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_tree(new QTreeView(this))
    , m_treeStatus(new QLabel(this))
    , m_model(new JsonTreeModel(this))
{
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::Interactive);
    m_tree->setColumnWidth(JsonTreeModel::KeyColumn, 180);
    m_tree->setColumnWidth(JsonTreeModel::TypeColumn, 70);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &JsonPayloadView::showTreeMenu);

    m_treeStatus->setContentsMargins(6, 2, 6, 2);
    m_treeStatus->setWordWrap(true);
    m_treeStatus->setTextFormat(Qt::PlainText);

    auto* treePane = new QWidget(this);
    auto* treeLayout = new QVBoxLayout(treePane);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->setSpacing(0);
    treeLayout->addWidget(m_tree, 1);
    treeLayout->addWidget(m_treeStatus);

    m_splitter->addWidget(m_text);
    m_splitter->addWidget(treePane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

void JsonPayloadView::setPayload(const QByteArray& json)
{
    m_model->setJson(json);
    const JsonTreeModel::State state = m_model->state();
    const bool valid = state == JsonTreeModel::State::Ready || state == JsonTreeModel::State::Truncated;

    QString notice;
    if (state == JsonTreeModel::State::Invalid)
        notice = m_model->errorString() + tr(" — showing the raw text.");
    else if (json.size() > PrettyPrintLimit)
        notice = tr("Large document (%1): shown as sent, without re-indenting or colours.")
                     .arg(bs::models::formatByteSize(json.size()));
    m_text->setNotice(notice);

    const bool pretty = valid && json.size() <= PrettyPrintLimit;
    // Colouring is per line; a raw (possibly one-line, huge) document is left plain.
    m_highlighter->setDocument(pretty ? m_text->editor()->document() : nullptr);
    m_text->setPayload(pretty ? bs::models::indentJson(json) : json);

    const QLocale locale;
    switch (state) {
    case JsonTreeModel::State::Truncated:
        m_treeStatus->setText(tr("Tree limited to the first %1 of %2 values.")
                                  .arg(locale.toString(m_model->nodeLimit()),
                                       locale.toString(m_model->totalValues())));
        break;
    case JsonTreeModel::State::Ready:
        m_treeStatus->setText(m_model->totalValues() == 1 ? tr("1 value")
                                                          : tr("%1 values").arg(locale.toString(m_model->totalValues())));
        break;
    case JsonTreeModel::State::Invalid:
    case JsonTreeModel::State::TooLarge:
        m_treeStatus->setText(m_model->errorString());
        break;
    case JsonTreeModel::State::Empty:
        m_treeStatus->clear();
    }
    if (valid && m_model->nodeCount() <= ExpandAllLimit)
        m_tree->expandAll();
    else if (m_model->rowCount() <= ExpandTopLevelLimit)
        m_tree->expandToDepth(0);
}

void JsonPayloadView::clear()
{
    m_model->clear();
    m_text->clear();
    m_treeStatus->clear();
}

void JsonPayloadView::showTreeMenu(const QPoint& position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!index.isValid())
        return;
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto addCopy = [menu](const QString& label, const QString& text) {
        QAction* action = menu->addAction(label);
        action->setEnabled(!text.isEmpty());
        connect(action, &QAction::triggered, menu, [text] { QApplication::clipboard()->setText(text); });
    };
    addCopy(tr("Copy key"), index.siblingAtColumn(JsonTreeModel::KeyColumn).data().toString());
    addCopy(tr("Copy value"), index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString());
    addCopy(tr("Copy path"), m_model->path(index));
    menu->popup(m_tree->viewport()->mapToGlobal(position));
}

QString JsonPayloadView::treeStatus() const
{
    return m_treeStatus->text();
}

} // namespace bs::ui
