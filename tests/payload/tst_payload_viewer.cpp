// PayloadViewer offscreen: the view follows the payload kind, the user can switch by hand,
// a 100 MB payload keeps the text document at about 1 MB until "Show all" and paints only
// the visible hex rows while the scroll range covers every line; JSON, images and bad
// bytes are shown safely with clear messages.
#include "models/payload/JsonTreeModel.h"
#include "ui/payload/HexView.h"
#include "ui/payload/ImagePayloadView.h"
#include "ui/payload/JsonPayloadView.h"
#include "ui/payload/PayloadViewer.h"
#include "ui/payload/TextPayloadView.h"

#include <QBuffer>
#include <QComboBox>
#include <QImage>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTreeView>

using namespace Qt::StringLiterals;
using bs::models::PayloadKind;
using bs::ui::PayloadView;
using bs::ui::PayloadViewer;

namespace {

QByteArray pngBytes(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(QColor(30, 120, 200, 160));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bs::client::MqttMessage message(const QByteArray& payload, const QString& contentType = {})
{
    bs::client::MqttMessage m;
    m.topic = u"test/topic"_s;
    m.payload = payload;
    m.properties.contentType = contentType;
    return m;
}

QByteArray textOfSize(qsizetype size)
{
    QByteArray line = "The quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnop\n"_ba;
    QByteArray text;
    text.reserve(size);
    while (text.size() + line.size() <= size)
        text += line;
    text += QByteArray(size - text.size(), 'z');
    return text;
}

} // namespace

class PayloadViewerTest : public QObject
{
    Q_OBJECT
private slots:
    void picksTheViewFromTheKind_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<PayloadView>("view");
        QTest::newRow("text") << "hello"_ba << PayloadView::Text;
        QTest::newRow("json") << "{\"a\": [1, 2]}"_ba << PayloadView::Json;
        QTest::newRow("png") << pngBytes(8, 8) << PayloadView::Image;
        QTest::newRow("binary") << "\x00\x01\x02\xFF"_ba << PayloadView::Hex;
    }
    void picksTheViewFromTheKind()
    {
        QFETCH(QByteArray, payload);
        QFETCH(PayloadView, view);
        PayloadViewer viewer;
        viewer.setMessage(message(payload));
        QCOMPARE(viewer.currentView(), view);
        QCOMPARE(viewer.viewSelector()->currentData().toInt(), int(view));
        QVERIFY(viewer.summary().contains(u"detected"_s));
    }

    void switchingByHand()
    {
        PayloadViewer viewer;
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setMessage(message("{\"a\": 1}"_ba));
        QCOMPARE(viewer.currentView(), PayloadView::Json);
        QSignalSpy changed(&viewer, &PayloadViewer::currentViewChanged);

        // The user picks "Hex" in the combo box with the keyboard (JSON -> Hex is one down).
        viewer.viewSelector()->setFocus();
        QTest::keyClick(viewer.viewSelector(), Qt::Key_Down);
        QCOMPARE(viewer.currentView(), PayloadView::Hex);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<PayloadView>(), PayloadView::Hex);
        QVERIFY(viewer.hexView()->isVisible());
        QVERIFY(!viewer.jsonView()->isVisible());
        QCOMPARE(viewer.hexView()->dump().size(), 8);

        // And to Text: the same JSON bytes as plain text.
        QTest::keyClick(viewer.viewSelector(), Qt::Key_Up);
        QTest::keyClick(viewer.viewSelector(), Qt::Key_Up);
        QCOMPARE(viewer.currentView(), PayloadView::Text);
        QVERIFY(viewer.textView()->isVisible());
        QCOMPARE(viewer.textView()->editor()->toPlainText(), u"{\"a\": 1}"_s);

        // A new payload picks its own view again.
        viewer.setMessage(message(pngBytes(4, 4)));
        QCOMPARE(viewer.currentView(), PayloadView::Image);
        QVERIFY(viewer.imageView()->isVisible());
    }

    void viewsAreFilledOnlyWhenShown()
    {
        PayloadViewer viewer;
        viewer.setMessage(message("\x01\x02\x03\x00"_ba));
        QCOMPARE(viewer.currentView(), PayloadView::Hex);
        QVERIFY(viewer.textView()->editor()->toPlainText().isEmpty()); // not filled yet
        viewer.setCurrentView(PayloadView::Text);
        QCOMPARE(viewer.textView()->editor()->toPlainText(), u"\\x01\\x02\\x03\\x00"_s);
        QVERIFY(viewer.textView()->displayNote().contains(u"Control characters"_s));
    }

    void hundredMegabytesOfText()
    {
        const QByteArray big = textOfSize(100 * 1024 * 1024);
        PayloadViewer viewer;
        viewer.resize(900, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setMessage(message(big));
        QCOMPARE(viewer.currentView(), PayloadView::Text);

        bs::ui::TextPayloadView* text = viewer.textView();
        QVERIFY(text->isCapped());
        QVERIFY(text->editor()->document()->characterCount() <= 1024 * 1024 + 1);
        QVERIFY(text->editor()->document()->characterCount() > 1000 * 1000);
        QVERIFY(text->showAllButton()->isVisible());
        QCOMPARE(text->showAllButton()->text(), u"Show all (100 MB)"_s);

        // The hex view covers all 6.5 million lines with its scroll bar, and paints a screenful.
        viewer.setCurrentView(PayloadView::Hex);
        bs::ui::HexView* hex = viewer.hexView();
        QCOMPARE(hex->dump().lineCount(), 100 * 1024 * 1024 / 16);
        QVERIFY(hex->dump().data().isSharedWith(big)); // the payload itself, not a copy
        QScrollBar* bar = hex->verticalScrollBar();
        QCOMPARE(qint64(bar->maximum()) + bar->pageStep(), hex->dump().lineCount());
        hex->viewport()->repaint();
        QVERIFY(hex->lastPaintedLineCount() > 0);
        QVERIFY(hex->lastPaintedLineCount() <= hex->visibleLineCount() + 1);
        bar->setValue(bar->maximum());
        hex->viewport()->repaint();
        QCOMPARE(hex->visibleLines().last(), hex->dump().lineText(hex->dump().lineCount() - 1));
        QVERIFY(hex->lastPaintedLineCount() <= hex->visibleLineCount() + 1);
    }

    void showAllLoadsTheRest()
    {
        const QByteArray payload = textOfSize(3 * 1024 * 1024 + 5);
        PayloadViewer viewer;
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setMessage(message(payload));
        bs::ui::TextPayloadView* text = viewer.textView();
        QVERIFY(text->isCapped());
        QCOMPARE(text->shownBytes(), 1024 * 1024);
        QTest::mouseClick(text->showAllButton(), Qt::LeftButton);
        QVERIFY(!text->isCapped());
        QVERIFY(!text->showAllButton()->isVisible());
        QCOMPARE(text->editor()->document()->characterCount(), payload.size() + 1);
    }

    void oneMegabyteLineIsBrokenForDisplay()
    {
        // One 100 MB line: laid out as is it would freeze the window for seconds.
        PayloadViewer viewer;
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setMessage(message(QByteArray(100 * 1024 * 1024, 'x')));
        bs::ui::TextPayloadView* text = viewer.textView();
        const QTextDocument* document = text->editor()->document();
        QCOMPARE(document->blockCount(), 1024 * 1024 / bs::ui::TextPayloadView::MaxDisplayLineChars + 1);
        QCOMPARE(document->firstBlock().length() - 1, bs::ui::TextPayloadView::MaxDisplayLineChars);
        QVERIFY2(text->displayNote().contains(u"1 line longer than 10000 characters"_s), qPrintable(text->displayNote()));
        QVERIFY(text->isCapped());
    }

    void capNeverSplitsACharacter()
    {
        bs::ui::TextPayloadView text;
        text.setDisplayLimit(4);
        text.setPayload("ab\xE2\x82\xAC"_ba); // "ab€": the cut at 4 bytes falls inside €
        QCOMPARE(text.shownBytes(), 2);
        QCOMPARE(text.editor()->toPlainText(), u"ab"_s);
        QVERIFY(text.displayNote().isEmpty());
    }

    void invalidUtf8AndBinaryAreShownSafely()
    {
        PayloadViewer viewer;
        viewer.show();
        viewer.setMessage(message("caf\xE9 \x00 ok"_ba));
        QCOMPARE(viewer.currentView(), PayloadView::Hex);
        QCOMPARE(viewer.hexView()->dump().asciiText(0), u"caf. . ok"_s);
        viewer.setCurrentView(PayloadView::Text);
        QCOMPARE(viewer.textView()->editor()->toPlainText(), u"caf\uFFFD \\x00 ok"_s);
        QVERIFY(viewer.textView()->displayNote().contains(u"Not valid UTF-8"_s));
        QVERIFY(viewer.textView()->displayNote().contains(u"offset 3"_s));
        // The image view says clearly that this is no image.
        viewer.setCurrentView(PayloadView::Image);
        QVERIFY(!viewer.imageView()->hasImage());
        QVERIFY(!viewer.imageView()->errorText().isEmpty());
        // The JSON view says where it breaks, in its text and its tree.
        viewer.setCurrentView(PayloadView::Json);
        QVERIFY(viewer.jsonView()->textView()->notice().contains(u"Invalid JSON at line 1, column 1"_s));
        QCOMPARE(viewer.jsonView()->treeModel()->state(), bs::models::JsonTreeModel::State::Invalid);
    }

    void jsonIsFormattedAndTreed()
    {
        PayloadViewer viewer;
        viewer.show();
        viewer.setMessage(message("{\"b\":1,\"a\":{\"c\":[true,null]}}"_ba));
        bs::ui::JsonPayloadView* json = viewer.jsonView();
        QCOMPARE(json->textView()->editor()->toPlainText(),
                 u"{\n  \"b\": 1,\n  \"a\": {\n    \"c\": [\n      true,\n      null\n    ]\n  }\n}"_s);
        QVERIFY(json->textView()->notice().isEmpty());
        QCOMPARE(json->treeModel()->rowCount(), 2);
        // Small documents open expanded.
        QVERIFY(json->treeView()->isExpanded(json->treeModel()->index(1, 0)));
        QCOMPARE(json->treeStatus(), u"5 values"_s);
    }

    void brokenJsonWithJsonContentType()
    {
        PayloadViewer viewer;
        viewer.show();
        viewer.setMessage(message("{\"a\": 1,, }"_ba, u"application/json"_s));
        QCOMPARE(viewer.currentView(), PayloadView::Json); // the content type wins...
        bs::ui::JsonPayloadView* json = viewer.jsonView();
        // ...and the view shows the bytes as sent, with where and why they are not JSON.
        QCOMPARE(json->textView()->editor()->toPlainText(), u"{\"a\": 1,, }"_s);
        QVERIFY2(json->textView()->notice().contains(u"line 1, column 9"_s), qPrintable(json->textView()->notice()));
        QCOMPARE(json->treeModel()->rowCount(), 1);
        QCOMPARE(json->treeModel()->index(0, 2).data().toString(), u"error"_s);
    }

    void images()
    {
        PayloadViewer viewer;
        viewer.resize(600, 400);
        viewer.show();
        viewer.setMessage(message(pngBytes(320, 200)));
        bs::ui::ImagePayloadView* image = viewer.imageView();
        QVERIFY(image->hasImage());
        QCOMPARE(image->image().size(), QSize(320, 200));
        QVERIFY2(image->infoText().contains(u"PNG · 320 × 200 px"_s), qPrintable(image->infoText()));
        QVERIFY(image->errorText().isEmpty());

        // A PNG signature followed by garbage: detected as an image, shown as a clear error.
        viewer.setMessage(message("\x89PNG\r\n\x1A\n garbage that is not a PNG"_ba));
        QCOMPARE(viewer.currentView(), PayloadView::Image);
        QVERIFY(!image->hasImage());
        QVERIFY2(image->errorText().contains(u"cannot be decoded"_s) || image->errorText().contains(u"not an image"_s),
                 qPrintable(image->errorText()));
        QVERIFY(image->errorText().contains(u"Hex view"_s));
    }

    void emptyPayload()
    {
        PayloadViewer viewer;
        viewer.setMessage(message(QByteArray()));
        QCOMPARE(viewer.currentView(), PayloadView::Text);
        QVERIFY(viewer.textView()->editor()->toPlainText().isEmpty());
        QVERIFY(!viewer.textView()->editor()->placeholderText().isEmpty());
    }
};

QTEST_MAIN(PayloadViewerTest)
#include "tst_payload_viewer.moc"
