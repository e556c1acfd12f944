// The request history from the database: filters (service, outcome, origin, time range, chaos, text), a
// table fetched lazily in keyset pages, a details pane for the selected request (prompt, response, error,
// attempts), and export of the filtered set to JSON or CSV with a cancellable progress dialog. GUI thread.
#pragma once

#include "historysource.h"
#include "page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;

namespace airm::ui {

class HistoryTableModel;

class RequestHistoryPage : public Page
{
    Q_OBJECT
public:
    explicit RequestHistoryPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::History; }

    HistoryFilter currentFilter() const;
    // Asks for a file name, then exports the filtered requests (off the GUI thread).
    void exportHistory(HistorySource::ExportFormat format);
    void exportTo(const QString &path, HistorySource::ExportFormat format);

    HistoryTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *serviceBox() const { return m_service; }
    QComboBox *outcomeBox() const { return m_outcome; }
    QComboBox *originBox() const { return m_origin; }
    QComboBox *rangeBox() const { return m_range; }
    QLineEdit *textBox() const { return m_text; }
    QTextBrowser *details() const { return m_details; }

protected:
    void onActivated() override;
    void applyTheme(const Theme &theme) override;

private:
    void applyFilter();
    void showDetails();
    void updateSummary();

    HistoryTableModel *m_model = nullptr;
    QComboBox *m_service;
    QComboBox *m_outcome;
    QComboBox *m_origin;
    QComboBox *m_range;
    QComboBox *m_chaos;
    QLineEdit *m_text;
    QTimer *m_textDelay;
    QTableView *m_view;
    QTextBrowser *m_details;
    QLabel *m_summary;
    QPushButton *m_exportJson;
    QPushButton *m_exportCsv;
    QProgressDialog *m_progress = nullptr;
    quint64 m_exportTicket = 0;
    bool m_loadedOnce = false;
};

} // namespace airm::ui
