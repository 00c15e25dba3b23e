#include "ui/dialogs/MessagePropertiesBox.h"

#include "ui/dialogs/CorrelationDataText.h"
#include "ui/dialogs/UserPropertiesTable.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <limits>

namespace bs::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr int kFormatNotSet = 0; // m_payloadFormat index; 1 and 2 are indicator 0 and 1

} // namespace

MessagePropertiesBox::MessagePropertiesBox(QWidget* parent)
    : QGroupBox(tr("MQTT 5 properties"), parent)
    , m_contentType(new QComboBox(this))
    , m_payloadFormat(new QComboBox(this))
    , m_expiry(new QSpinBox(this))
    , m_responseTopic(new QLineEdit(this))
    , m_correlationData(new QLineEdit(this))
    , m_correlationError(new QLabel(this))
    , m_userProperties(new UserPropertiesTable(this))
{
    m_contentType->setObjectName(u"contentTypeBox"_s);
    m_payloadFormat->setObjectName(u"payloadFormatBox"_s);
    m_expiry->setObjectName(u"expirySpin"_s);
    m_responseTopic->setObjectName(u"responseTopicEdit"_s);
    m_correlationData->setObjectName(u"correlationDataEdit"_s);
    m_correlationError->setObjectName(u"correlationDataError"_s);
    m_userProperties->setObjectName(u"userProperties"_s);

    m_contentType->setEditable(true);
    m_contentType->setInsertPolicy(QComboBox::NoInsert);
    m_contentType->addItems({QString(), u"application/json"_s, u"text/plain"_s,
                             u"application/octet-stream"_s, u"application/cbor"_s});
    m_contentType->lineEdit()->setPlaceholderText(tr("not set"));

    m_payloadFormat->addItem(tr("Not set"));
    m_payloadFormat->addItem(tr("0 — unspecified bytes"));
    m_payloadFormat->addItem(tr("1 — UTF-8 text"));

    m_expiry->setRange(-1, std::numeric_limits<int>::max());
    m_expiry->setSpecialValueText(tr("No expiry"));
    m_expiry->setSuffix(tr(" s"));
    m_expiry->setValue(-1);
    m_expiry->setAccelerated(true);

    m_responseTopic->setPlaceholderText(tr("not set"));
    m_correlationData->setPlaceholderText(tr("text, or 0x… for bytes in hex"));
    m_correlationError->setStyleSheet(u"color: #b00020;"_s);
    m_correlationError->hide();

    auto* form = new QFormLayout(this);
    form->addRow(tr("Content type:"), m_contentType);
    form->addRow(tr("Payload format:"), m_payloadFormat);
    form->addRow(tr("Message expiry:"), m_expiry);
    form->addRow(tr("Response topic:"), m_responseTopic);
    form->addRow(tr("Correlation data:"), m_correlationData);
    form->addRow(QString(), m_correlationError);
    form->addRow(tr("User properties:"), m_userProperties);

    connect(m_contentType, &QComboBox::currentTextChanged, this,
            &MessagePropertiesBox::contentTypeChanged);
    connect(m_correlationData, &QLineEdit::textChanged, this,
            &MessagePropertiesBox::checkCorrelationData);
}

std::optional<client::MessageProperties> MessagePropertiesBox::properties(QString* error) const
{
    client::MessageProperties properties;
    properties.contentType = m_contentType->currentText();
    if (m_payloadFormat->currentIndex() != kFormatNotSet)
        properties.payloadFormatIndicator = quint8(m_payloadFormat->currentIndex() - 1);
    if (m_expiry->value() >= 0)
        properties.messageExpiryInterval = quint32(m_expiry->value());
    properties.responseTopic = m_responseTopic->text();
    QString correlationError;
    const auto correlation = parseCorrelationData(m_correlationData->text(), &correlationError);
    if (!correlation) {
        if (error)
            *error = tr("Correlation data: %1").arg(correlationError);
        return std::nullopt;
    }
    properties.correlationData = *correlation;
    properties.userProperties = m_userProperties->properties();
    return properties;
}

void MessagePropertiesBox::setProperties(const client::MessageProperties& properties)
{
    m_contentType->setCurrentText(properties.contentType);
    m_payloadFormat->setCurrentIndex(properties.payloadFormatIndicator
                                         ? qMin(int(*properties.payloadFormatIndicator), 1) + 1
                                         : kFormatNotSet);
    const qint64 expiry = properties.messageExpiryInterval ? qint64(*properties.messageExpiryInterval) : -1;
    m_expiry->setValue(int(qMin<qint64>(expiry, m_expiry->maximum())));
    m_responseTopic->setText(properties.responseTopic);
    m_correlationData->setText(correlationDataToText(properties.correlationData));
    m_userProperties->setProperties(properties.userProperties);
}

QString MessagePropertiesBox::contentType() const
{
    return m_contentType->currentText();
}

void MessagePropertiesBox::checkCorrelationData()
{
    QString error;
    const bool ok = parseCorrelationData(m_correlationData->text(), &error).has_value();
    m_correlationError->setText(ok ? QString() : tr("Not hex: %1").arg(error));
    m_correlationError->setVisible(!ok);
}

} // namespace bs::ui
