#include "ui/payload/DiffView.h"

#include "models/payload/DiffContextFilter.h"
#include "models/payload/LineDiffModel.h"
#include "models/payload/PayloadDiff.h"
#include "models/payload/PayloadPreview.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

using bs::models::LineDiffModel;

DiffView::DiffView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_changesOnly(new QCheckBox(tr("Changes only (%1 lines of context)").arg(ContextLines), this))
    , m_lines(new QTreeView(this))
    , m_model(new LineDiffModel(this))
    , m_filter(new bs::models::DiffContextFilter(this))
{
    m_filter->setContextLines(ContextLines);
    m_filter->setSourceModel(m_model);
    m_changesOnly->setChecked(true);
    connect(m_changesOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setContextLines(on ? ContextLines : -1);
        scrollToFirstChange();
    });

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(6, 3, 6, 3);

    m_lines->setModel(m_filter);
    m_lines->setRootIsDecorated(false);
    m_lines->setUniformRowHeights(true);
    m_lines->setItemsExpandable(false);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_lines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lines->header()->setStretchLastSection(true);
    m_lines->header()->setSectionResizeMode(LineDiffModel::OldNumberColumn, QHeaderView::Interactive);
    m_lines->header()->setSectionResizeMode(LineDiffModel::NewNumberColumn, QHeaderView::Interactive);
    const int numberWidth = QFontMetrics(m_lines->font()).horizontalAdvance(u"000000"_s) + 12;
    m_lines->setColumnWidth(LineDiffModel::OldNumberColumn, numberWidth);
    m_lines->setColumnWidth(LineDiffModel::NewNumberColumn, numberWidth);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 6, 0);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_changesOnly, 0, Qt::AlignTop);
    layout->addLayout(bar);
    layout->addWidget(m_lines, 1);
    clear();
}

void DiffView::setMessages(bs::client::MqttMessagePtr current, bs::client::MqttMessagePtr previous)
{
    m_current = std::move(current);
    m_previous = std::move(previous);
    m_dirty = true;
    if (isVisible())
        refresh();
}

void DiffView::clear()
{
    m_current.reset();
    m_previous.reset();
    m_dirty = false;
    m_model->clear();
    m_summary->setText(tr("Select a message to compare it with the previous one on its topic."));
}

void DiffView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void DiffView::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    if (!m_current) {
        clear();
        return;
    }
    if (!m_previous) {
        m_model->clear();
        m_summary->setText(tr("No previous message on %1 to compare with.").arg(m_current->topic));
        emit summaryChanged(tr("no previous message"));
        return;
    }
    using namespace bs::models;
    const PayloadKind before = detectPayloadKind(*m_previous).kind;
    const PayloadKind after = detectPayloadKind(*m_current).kind;
    LineDiffResult result = diffPayloads(m_previous->payload, before, m_current->payload, after);

    const QString when = m_previous->timestamp.isValid()
                             ? tr(" (received %1)").arg(m_previous->timestamp.toLocalTime().toString(u"HH:mm:ss.zzz"_s))
                             : QString();
    QString text;
    QString shortSummary;
    if (result.identical()) {
        text = m_previous->payload == m_current->payload
                   ? tr("Same payload as the previous message%1.").arg(when)
                   : tr("No line differs from the previous message%1 in the compared part.").arg(when);
        shortSummary = tr("identical");
    } else {
        shortSummary = u"+%1 −%2"_s.arg(result.added).arg(result.removed);
        text = tr("%1 lines against the previous message%2: %3 → %4.")
                   .arg(shortSummary, when, formatByteSize(m_previous->payload.size()),
                        formatByteSize(m_current->payload.size()));
    }
    if (!result.note.isEmpty())
        text += u' ' + result.note;
    m_summary->setText(text);
    m_model->setResult(std::move(result));
    scrollToFirstChange();
    emit summaryChanged(shortSummary);
}

void DiffView::scrollToFirstChange()
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, LineDiffModel::TextColumn);
        if (index.data(LineDiffModel::KindRole).toInt() != int(bs::models::DiffLine::Kind::Same)) {
            m_lines->scrollTo(index, QAbstractItemView::PositionAtCenter);
            return;
        }
    }
    m_lines->scrollToTop();
}

QString DiffView::summary() const
{
    return m_summary->text();
}

} // namespace bs::ui
