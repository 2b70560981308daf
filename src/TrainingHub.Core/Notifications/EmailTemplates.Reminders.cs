using System.Globalization;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>Session reminders and calendar updates, and the monthly digests (yearly-target progress, pending approvals).</summary>
public static partial class EmailTemplates
{
    // ---- sessions and calendar invitations ----------------------------------------------------------------------

    /// <summary>The calendar event of a session payload: its stable UID and schedule version (SEQUENCE).</summary>
    private static CalendarEvent SessionEvent(EmailPayload s, string offering, bool en)
    {
        var stream = s.Optional("streamUrl");
        var place = s.Optional("place");
        var description = en
            ? $"{s.Text("title")} — {offering}." + (stream is null ? "" : $"\nStream: {stream}")
            : $"{s.Text("title")} — {offering}." + (stream is null ? "" : $"\nTransmissão: {stream}");
        return new CalendarEvent(SessionUid(s.Int("sessionId") ?? 0), s.Int("sequence") ?? 0, $"{s.Text("title")} — {offering}", description,
            Instant(s, "startsAt"), Instant(s, "endsAt"), place ?? stream, stream);
    }

    /// <summary>The same for every message about the session, so calendars update the one event they hold.</summary>
    public static string SessionUid(int sessionId) => "session-" + sessionId.ToString(CultureInfo.InvariantCulture) + "@traininghub";

    private static DateTime Instant(EmailPayload p, string name) =>
        DateTime.TryParse(p.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var i)
            ? DateTime.SpecifyKind(i, DateTimeKind.Utc)
            : default;

    private static DateTime Stamp(EmailPayload p) => Instant(p, "stamp") is var s && s != default ? s : DateTime.UnixEpoch;

    private static List<(string, string)> SessionFacts(EmailPayload p, bool en)
    {
        var facts = new List<(string, string)>
        {
            (en ? "Class" : "Turma", $"{p.Text("offering")} ({p.Text("offeringCode")})"),
            (en ? "Session" : "Encontro", p.Text("title")),
            (en ? "When (Brasília time)" : "Quando (horário de Brasília)", $"{p.DateTime("startsAt")} – {Time(p, "endsAt")}"),
        };
        if (p.Optional("place") is { } place)
        {
            facts.Add((en ? "Place" : "Local", place));
        }

        if (p.Optional("streamUrl") is { } stream)
        {
            facts.Add((en ? "Stream link" : "Link da transmissão", stream));
        }

        return facts;
    }

    private static string Time(EmailPayload p, string name) => Instant(p, name) is var i && i != default
        ? SaoPaulo.ToLocal(i).ToString("HH:mm", CultureInfo.InvariantCulture)
        : "";

    private static EmailContent SessionReminder(EmailPayload p, bool en)
    {
        var hour = p.Text("kind") == "hour";
        var when = p.DateTime("startsAt");
        var stream = p.Optional("streamUrl");
        var where = p.Optional("place");
        var content = en
            ? new EmailContent(
                hour ? $"Starting in one hour: {p.Text("title")} ({p.Text("offering")})" : $"Reminder: {p.Text("title")} ({p.Text("offering")}) on {when}",
                hour ? "Your session starts in one hour" : "Your session is tomorrow",
                [Hello(p, en), $"This is a reminder of the session {p.Text("title")} of {p.Text("offering")} on {when} (Brasília time)."
                    + (stream is not null ? " Join through the stream link below." : where is not null ? $" Place: {where}." : ""),
                    "The attached invitation adds it to your calendar."],
                SessionFacts(p, en), stream is null ? null : "Join the stream", stream)
            : new EmailContent(
                hour ? $"Começa em uma hora: {p.Text("title")} ({p.Text("offering")})" : $"Lembrete: {p.Text("title")} ({p.Text("offering")}) em {when}",
                hour ? "Seu encontro começa em uma hora" : "Seu encontro é amanhã",
                [Hello(p, en), $"Lembramos o encontro {p.Text("title")} da turma {p.Text("offering")} em {when} (horário de Brasília)."
                    + (stream is not null ? " Participe pelo link da transmissão abaixo." : where is not null ? $" Local: {where}." : ""),
                    "O convite anexo o coloca na sua agenda."],
                SessionFacts(p, en), stream is null ? null : "Assistir à transmissão", stream);
        return content with { Calendar = new CalendarInvite(false, Stamp(p), [SessionEvent(p, p.Text("offering"), en)]) };
    }

    private static EmailContent SessionRescheduled(EmailPayload p, bool en)
    {
        var facts = SessionFacts(p, en);
        facts.Insert(2, (en ? "Was (Brasília time)" : "Antes (horário de Brasília)", $"{p.DateTime("previousStartsAt")} – {Time(p, "previousEndsAt")}"));
        var content = en
            ? new EmailContent($"Session moved: {p.Text("title")} ({p.Text("offering")}) now on {p.DateTime("startsAt")}", "A session changed time",
                [Hello(p, en), $"The session {p.Text("title")} of {p.Text("offering")} moved to {p.DateTime("startsAt")} (Brasília time). The attached invitation updates your calendar."],
                facts, p.Optional("streamUrl") is null ? null : "Stream link", p.Optional("streamUrl"))
            : new EmailContent($"Encontro remarcado: {p.Text("title")} ({p.Text("offering")}) agora em {p.DateTime("startsAt")}", "Um encontro mudou de horário",
                [Hello(p, en), $"O encontro {p.Text("title")} da turma {p.Text("offering")} passou para {p.DateTime("startsAt")} (horário de Brasília). O convite anexo atualiza sua agenda."],
                facts, p.Optional("streamUrl") is null ? null : "Link da transmissão", p.Optional("streamUrl"));
        return content with { Calendar = new CalendarInvite(false, Stamp(p), [SessionEvent(p, p.Text("offering"), en)]) };
    }

    /// <summary>A cancellation of the events the person was invited to, when the payload lists them (the cancellation notices do).</summary>
    private static EmailContent WithCancellation(EmailContent content, EmailPayload p, bool en)
    {
        var invited = p.Items("invitations").ToList();
        return invited.Count == 0
            ? content
            : content with { Calendar = new CalendarInvite(true, Stamp(p), [.. invited.Select(s => SessionEvent(s, p.Text("offeringTitle"), en))]) };
    }

    // ---- digests ------------------------------------------------------------------------------------------------

    private static string Hours(int minutes, bool en) => en
        ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60.0:0.#} h")
        : string.Create(CultureInfo.GetCultureInfo("pt-BR"), $"{minutes / 60.0:0.#} h");

    private static EmailContent YearlyProgressDigest(EmailPayload p, bool en)
    {
        var culture = CultureInfo.GetCultureInfo(en ? Languages.English : Languages.Portuguese);
        var month = new DateTime(p.Int("year") ?? 2000, p.Int("month") ?? 1, 1).ToString("MMMM yyyy", culture);
        var total = p.Int("creditedMinutes") ?? 0;
        var facts = new List<(string, string)> { (en ? $"Hours credited in {p.Text("year")}" : $"Horas creditadas em {p.Text("year")}", Hours(total, en)) };
        foreach (var t in p.Items("targets"))
        {
            var done = t.Int("creditedMinutes") ?? 0;
            var target = t.Int("targetMinutes") ?? 0;
            var left = Math.Max(0, target - done);
            facts.Add((t.Text("programme"), en
                ? $"{Hours(done, en)} of {Hours(target, en)} ({t.Text("percent")} %)" + (left > 0 ? $", {Hours(left, en)} to go" : ", target met")
                : $"{Hours(done, en)} de {Hours(target, en)} ({t.Text("percent")} %)" + (left > 0 ? $", faltam {Hours(left, en)}" : ", meta cumprida")));
        }

        var link = p.Optional("hoursUrl");
        return en
            ? new($"Your training hours: {month}", "Your progress towards this year's targets",
                [Hello(p, en), $"This is where you stand on {p.Date("asOf")} against the hour targets of your programmes for {p.Text("year")}."], facts,
                link is null ? null : "See your hours", link)
            : new($"Suas horas de capacitação: {month}", "Seu progresso nas metas do ano",
                [Hello(p, en), $"Esta é a sua situação em {p.Date("asOf")} diante das metas de horas dos seus programas em {p.Text("year")}."], facts,
                link is null ? null : "Ver suas horas", link);
    }

    private static EmailContent PendingApprovalsDigest(EmailPayload p, bool en)
    {
        var items = p.Items("pending").ToList();
        var count = p.Int("count") ?? items.Count;
        var facts = items.Select(i => (i.Text("person"), en
            ? $"{i.Text("offering")} (starts {i.Date("startsOn")}; requested {i.Date("requestedAt")})"
            : $"{i.Text("offering")} (início {i.Date("startsOn")}; pedido em {i.Date("requestedAt")})")).ToList();
        if (count > items.Count)
        {
            facts.Add(("…", en ? $"and {count - items.Count} more" : $"e mais {count - items.Count}"));
        }

        var link = p.Optional("approvalsUrl");
        return en
            ? new($"{count} enrolment(s) awaiting your approval", "Enrolments awaiting your decision",
                [Hello(p, en), count == 1 ? "One enrolment of a person you manage is awaiting your approval." : $"{count} enrolments of people you manage are awaiting your approval."],
                facts, link is null ? null : "Decide now", link)
            : new($"{count} inscrição(ões) aguardando sua aprovação", "Inscrições aguardando sua decisão",
                [Hello(p, en), count == 1 ? "Uma inscrição de pessoa da sua equipe aguarda sua aprovação." : $"{count} inscrições de pessoas da sua equipe aguardam sua aprovação."],
                facts, link is null ? null : "Decidir agora", link);
    }
}
