using System.Globalization;

namespace TrainingHub.Core.Notifications;

/// <summary>Report emails: the monthly report a subscriber asked for, its XLSX attached.</summary>
public static partial class EmailTemplates
{
    private static EmailContent MonthlyReport(EmailPayload p, bool en)
    {
        var month = DateOnly.TryParseExact(p.Text("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            ? from.ToString("MMMM yyyy", CultureInfo.GetCultureInfo(en ? "en" : "pt-BR"))
            : p.Text("month");
        var title = ReportTitle(p.Text("kind"), en);
        var facts = new List<(string, string)>
        {
            (en ? "Report" : "Relatório", title),
            (en ? "Period" : "Período", $"{p.Date("from")} – {p.Date("to")}"),
        };
        return en
            ? new($"Monthly report: {title} ({month})", "Your monthly report",
                [$"The report you subscribed to, for {month}, is attached as an XLSX spreadsheet. It covers only what your account may see.",
                    "To stop receiving it, cancel the subscription under Reports › My subscriptions."], facts)
            : new($"Relatório mensal: {title} ({month})", "Seu relatório mensal",
                [$"O relatório que você assinou, referente a {month}, segue anexo em planilha XLSX. Ele abrange apenas o que sua conta pode ver.",
                    "Para deixar de recebê-lo, cancele a assinatura em Relatórios › Minhas assinaturas."], facts);
    }

    private static string ReportTitle(string kind, bool en) => kind switch
    {
        "HoursByPerson" => en ? "Hours by person" : "Horas por pessoa",
        "HoursByOrganization" => en ? "Hours by organisation" : "Horas por órgão",
        "HoursByMunicipality" => en ? "Hours by municipality" : "Horas por município",
        "HoursByProgramme" => en ? "Hours by programme" : "Horas por programa",
        "HoursByCourse" => en ? "Hours by course" : "Horas por curso",
        "HoursByClass" => en ? "Hours by class" : "Horas por turma",
        "HoursByMonth" => en ? "Hours by month" : "Horas por mês",
        "HoursByQuarter" => en ? "Hours by quarter" : "Horas por trimestre",
        "HoursByYear" => en ? "Hours by year" : "Horas por ano",
        "Targets" => en ? "Yearly target per person" : "Meta anual por pessoa",
        "TargetsByOrganization" => en ? "Yearly target per organisation" : "Meta anual por órgão",
        "AttendanceRate" => en ? "Attendance rate per class" : "Taxa de frequência por turma",
        "Certificates" => en ? "Certificates" : "Certificados",
        _ => kind,
    };
}
