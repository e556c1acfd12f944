// Plain HTTP request and response values that providers build and parse and transports carry.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace airm {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "POST";
    QUrl url;
    HeaderList headers;
    QByteArray body;

    // Not sent on the wire: what the simulation needs to answer in the seed's words, and what logs may name.
    struct Meta
    {
        QString service;
        QString prompt;
        QString model;
        bool healthCheck = false;
    } meta;

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
};

enum class TransportError {
    None, // an HTTP response arrived (any status)
    ConnectionRefused,
    ConnectionReset,
    HostNotFound,
    Timeout, // the attempt timeout fired
    Aborted,
    Tls,
    Other,
};

struct HttpResponse
{
    int status = 0; // 0 when no HTTP response arrived
    HeaderList headers;
    QByteArray body;
    TransportError error = TransportError::None;
    QString errorString;    // human-readable, never contains keys
    bool simulated = false; // produced by SimulatedTransport
    QStringList chaosIds;   // experiments that changed this exchange

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
    bool hasHttpResponse() const { return error == TransportError::None && status > 0; }
};

} // namespace airm
