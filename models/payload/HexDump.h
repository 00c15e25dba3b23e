#pragma once
// A hex dump that exists only as a rule: it keeps the payload (a shared QByteArray, no copy)
// and formats a line when asked. Line n covers bytes [16n, 16n + 16); so a 100 MB payload
// is 6.5 million lines, of which a view formats the thirty or so on screen.
//
// Line layout (as `hexdump -C`):
//   00000010  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 ff 7f  |Hello, world....|
// The offset has 8 hex digits, more for payloads of 4 GB and up.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bs::models {

class HexDump
{
public:
    static constexpr int BytesPerLine = 16;
    static constexpr int HexColumnChars = BytesPerLine * 3; ///< 16 pairs, 15 spaces, 1 middle gap

    explicit HexDump(QByteArray data = {});

    const QByteArray& data() const { return m_data; }
    qsizetype size() const { return m_data.size(); }
    qint64 lineCount() const;
    int offsetDigits() const { return m_offsetDigits; }

    /// The parts of one line; empty strings for a line out of range.
    QString offsetText(qint64 line) const;
    QString hexText(qint64 line) const;   ///< Always HexColumnChars wide (padded).
    QString asciiText(qint64 line) const; ///< Printable ASCII as is, everything else '.'.
    QString lineText(qint64 line) const;  ///< offset, two spaces, hex, "|ascii|"

    /// Lines [first, first + count) clipped to the dump.
    QStringList lines(qint64 first, qint64 count) const;

private:
    QByteArrayView bytesOfLine(qint64 line) const;

    QByteArray m_data;
    int m_offsetDigits = 8;
};

} // namespace bs::models
