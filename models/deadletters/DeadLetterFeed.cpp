#include "models/deadletters/DeadLetterFeed.h"

#include "client/AdminClient.h"
#include "models/deadletters/DeadLetterModel.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {
const QString kList = u"listDeadLetters"_s;
const QString kPurge = u"purgeDeadLetters"_s;
} // namespace

DeadLetterFeed::DeadLetterFeed(client::AdminClient& admin, DeadLetterModel& letters, QObject* parent)
    : QObject(parent), m_admin(admin), m_letters(letters)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kRefreshDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &DeadLetterFeed::refresh);
    connect(&m_letters, &DeadLetterModel::engineLetterArrived, this, &DeadLetterFeed::scheduleRefresh);
    connect(&m_admin, &client::AdminClient::availabilityChanged, this, &DeadLetterFeed::onAvailability);
    connect(&m_admin, &client::AdminClient::answered, this, &DeadLetterFeed::onAnswered);
    connect(&m_admin, &client::AdminClient::failed, this, &DeadLetterFeed::onFailed);
    onAvailability();
}

void DeadLetterFeed::onAvailability()
{
    using Availability = client::AdminClient::Availability;
    switch (m_admin.availability()) {
    case Availability::Available:
        m_letters.setMode(DeadLetterModel::Mode::Engine);
        refresh();
        break;
    case Availability::Unavailable:
        m_letters.setMode(DeadLetterModel::Mode::Convention);
        break;
    case Availability::Unknown:
    case Availability::Probing:
        m_letters.setMode(DeadLetterModel::Mode::Unknown);
        break;
    }
}

void DeadLetterFeed::refresh()
{
    m_debounce.stop();
    if (m_letters.mode() != DeadLetterModel::Mode::Engine)
        return;
    if (isRefreshing()) {
        m_refreshAgain = true;
        return;
    }
    m_collected.clear();
    m_firstPage = {};
    requestPage({});
}

void DeadLetterFeed::scheduleRefresh()
{
    if (isRefreshing())
        m_refreshAgain = true;
    else if (!m_debounce.isActive())
        m_debounce.start();
}

void DeadLetterFeed::requestPage(const QString& after)
{
    QJsonObject fields{{u"limit"_s, kPageLimit}};
    if (!after.isEmpty())
        fields.insert(u"after"_s, after);
    m_listing = m_admin.request(kList, fields);
    m_requests.insert(m_listing, Request::ListPage);
}

void DeadLetterFeed::loadFullLetter(const QString& id)
{
    const quint64 request = m_admin.request(kList, {{u"ids"_s, QJsonArray{id}}, {u"payload"_s, u"full"_s}});
    m_requests.insert(request, Request::LoadFull);
}

void DeadLetterFeed::purge(const QStringList& ids)
{
    if (ids.isEmpty())
        return;
    const quint64 request = m_admin.request(kPurge, {{u"ids"_s, QJsonArray::fromStringList(ids)}});
    m_requests.insert(request, Request::Purge);
    m_purgedIds.insert(request, ids);
}

void DeadLetterFeed::purgeMatching(const DeadLetterFilter& filter, bool dryRun)
{
    QJsonObject fields = filter.toJson();
    fields.insert(u"all"_s, true);
    fields.insert(u"dryRun"_s, dryRun);
    const quint64 request = m_admin.request(kPurge, fields);
    m_requests.insert(request, dryRun ? Request::PurgeDryRun : Request::Purge);
}

void DeadLetterFeed::onAnswered(quint64 requestId, const QString&, const QJsonObject& result)
{
    const auto it = m_requests.constFind(requestId);
    if (it == m_requests.cend())
        return;
    const Request kind = *it;
    m_requests.erase(it);
    switch (kind) {
    case Request::ListPage: {
        if (requestId != m_listing)
            return;
        m_listing = 0;
        if (m_firstPage.isEmpty())
            m_firstPage = result;
        for (const QJsonValue& letter : result.value(u"letters"_s).toArray())
            m_collected.append(DeadLetter::fromJson(letter.toObject()));
        const QString next = result.value(u"next"_s).toString();
        m_truncated = !next.isEmpty() && m_collected.size() >= kMaxRows;
        if (!next.isEmpty() && !m_truncated)
            requestPage(next);
        else
            finishListing();
        break;
    }
    case Request::LoadFull: {
        const QJsonArray letters = result.value(u"letters"_s).toArray();
        if (!letters.isEmpty())
            emit fullLetterLoaded(DeadLetter::fromJson(letters.first().toObject()));
        break;
    }
    case Request::Purge:
        m_letters.removeLetters(m_purgedIds.take(requestId));
        emit purgeAnswered(result.value(u"purged"_s).toInteger(), false);
        scheduleRefresh();
        break;
    case Request::PurgeDryRun:
        emit purgeAnswered(result.value(u"purged"_s).toInteger(), true);
        break;
    }
}

void DeadLetterFeed::onFailed(quint64 requestId, const QString&, const QString&, const QString& message)
{
    const auto it = m_requests.constFind(requestId);
    if (it == m_requests.cend())
        return;
    const Request kind = *it;
    m_requests.erase(it);
    m_purgedIds.remove(requestId);
    if (kind == Request::ListPage && requestId == m_listing) {
        m_listing = 0;
        m_refreshAgain = false;
    }
    emit requestFailed(kind == Request::ListPage ? u"list"_s : kind == Request::LoadFull ? u"load"_s : u"purge"_s,
                       message);
}

void DeadLetterFeed::finishListing()
{
    const DeadLetterCounts totals = DeadLetterCounts::fromListing(m_firstPage);
    m_letters.applyListing(m_collected, totals);
    m_collected.clear();
    emit refreshed();
    if (m_refreshAgain) {
        m_refreshAgain = false;
        scheduleRefresh();
    }
}

} // namespace bs::models
