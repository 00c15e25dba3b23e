#pragma once
// MessageStore unit tests (one executable, storage_message_store). The slots live in
//   tst_message_store.cpp            round trip, topic names, open-log limit, paging, time
//   tst_message_store_retention.cpp  retention by topic bytes, age, total bytes
//   tst_message_store_failure.cpp    write failure (file size limit) and recovery

#include <QObject>
#include <sys/resource.h>

class MessageStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void appendsCommitsAndReadsBackEveryField();
    void oddTopicNamesGetDistinctDirectoriesAndSurviveReopen();
    void manyTopicsWithTwoOpenLogsStayReadableAndAppendable();
    void oneBatchForMoreTopicsThanMaxOpenLogsIsStored();
    void readsPagesByOffsetAndFindsOffsetForTime();
    void unknownTopicReadsNothing();

    void retentionRuleLimitsBytesOfMatchingTopicsOnly();
    void retentionDeletesSegmentsOlderThanTheAgeLimit();
    void totalBytesCapDeletesTheOldestSegmentAcrossTopicsFirst();
    void retentionNeverDeletesTheActiveSegment();
    void retiredSegmentsAreUnlinkedOffThreadAndLeftoversAtOpen();

    void failedWriteRefusesForOneSecondAndKeepsStoredData();
    void failedWriteOfOneTopicKeepsTheOtherTopicsBatch();
    void failedFlushDuringReadIsReportedByCommit();
    void writeErrorNamesTheFileOfATopicWithEscapes();

private:
    /// Lowers this process's file size limit (soft) to bytes; SIGXFSZ is ignored, so
    /// writes past it fail with EFBIG. cleanup() restores the limit.
    bool limitFileSize(qint64 bytes);
    bool restoreFileSizeLimit();

    rlimit m_originalFileSizeLimit{};
};
