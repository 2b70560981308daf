using System.Globalization;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The one place that turns an outbox row (type, payload, language) into subject, HTML and text, in pt-BR (default)
/// and English. Every type the application queues has a template here; an unknown type returns null and the
/// dispatcher dead-letters the row, saying so.
/// </summary>
public static partial class EmailTemplates
{
    private delegate EmailContent Template(EmailPayload p, bool en);

    private static readonly Dictionary<string, Template> Templates = new(StringComparer.Ordinal)
    {
        ["EnrolmentReceived"] = EnrolmentReceived,
        ["EnrolmentConfirmed"] = EnrolmentConfirmed,
        ["EnrolmentWaitlisted"] = EnrolmentWaitlisted,
        ["EnrolmentPromoted"] = EnrolmentPromoted,
        ["SeatOffered"] = SeatOffered,
        ["SeatOfferExpiring"] = SeatOfferExpiring,
        ["SeatOfferExpired"] = SeatOfferExpired,
        ["EnrolmentApproved"] = EnrolmentApproved,
        ["EnrolmentRejected"] = EnrolmentRejected,
        ["EnrolmentCancelled"] = EnrolmentCancelled,
        ["EnrolmentCompleted"] = EnrolmentCompleted,
        ["EnrolmentFailed"] = EnrolmentFailed,
        ["SessionCancelled"] = SessionCancelled,
        ["OfferingCancelled"] = OfferingCancelled,
        ["SeriesMonthlyProgramme"] = SeriesMonthlyProgramme,
        ["CheckInOpen"] = CheckInOpen,
        ["AbsenceJustificationAccepted"] = AbsenceJustificationAccepted,
        ["AbsenceJustificationRejected"] = AbsenceJustificationRejected,
        ["AttendanceAtRisk"] = AttendanceAtRisk,
        ["AttendanceAtRiskManager"] = AttendanceAtRiskManager,
        ["CertificateIssued"] = CertificateIssued,
        [SessionInvitations.ReminderType] = SessionReminder,
        [SessionInvitations.RescheduledType] = SessionRescheduled,
        [QueueProgressDigests.MessageType] = YearlyProgressDigest,
        [QueueApprovalDigests.MessageType] = PendingApprovalsDigest,
        [Reports.QueueMonthlyReports.MessageType] = MonthlyReport,
    };

    public static IReadOnlyCollection<string> KnownTypes => Templates.Keys;

    /// <summary>The rendered email, or null when no template knows this message type. An unsubscribe link (non-essential messages only) goes in the footer.</summary>
    public static RenderedEmail? Render(string messageType, string payloadJson, string language, string? unsubscribeUrl = null, CalendarParties? calendar = null)
    {
        if (!Templates.TryGetValue(messageType, out var template))
        {
            return null;
        }

        var en = language == Languages.English;
        var payload = EmailPayload.Parse(payloadJson);
        var content = template(payload, en);
        var lang = en ? Languages.English : Languages.Portuguese;
        var rendered = EmailLayout.Render(content, lang, EmailLayout.Footer(lang), unsubscribeUrl is null ? null : (EmailLayout.UnsubscribeText(lang), unsubscribeUrl));
        if (content.Calendar is { } invite)
        {
            var parties = calendar ?? new CalendarParties("noreply@traininghub.local", null, "", null);
            rendered = rendered with { Attachments = [ICalendar.Attachment(invite, parties with { AttendeeName = parties.AttendeeName ?? payload.Optional("person") })] };
        }

        return rendered;
    }

    // ---- enrolment ----------------------------------------------------------------------------------------------

    private static List<(string, string)> Class(EmailPayload p, bool en) =>
    [
        (en ? "Class" : "Turma", $"{p.Text("offering")} ({p.Text("offeringCode")})"),
        (en ? "Dates" : "Período", $"{p.Date("startsOn")} – {p.Date("endsOn")}"),
    ];

    private static string Hello(EmailPayload p, bool en) => en ? $"Hello, {p.Text("person")}." : $"Olá, {p.Text("person")}.";

    private static EmailContent EnrolmentReceived(EmailPayload p, bool en) => en
        ? new($"Enrolment received: {p.Text("offering")}", "We received your enrolment request",
            [Hello(p, en), $"Your enrolment in {p.Text("offering")} is awaiting approval. We will write again when it is decided."], Class(p, en))
        : new($"Inscrição recebida: {p.Text("offering")}", "Recebemos seu pedido de inscrição",
            [Hello(p, en), $"Sua inscrição em {p.Text("offering")} aguarda aprovação. Escreveremos de novo quando houver decisão."], Class(p, en));

    private static EmailContent EnrolmentConfirmed(EmailPayload p, bool en) => en
        ? new($"Enrolment confirmed: {p.Text("offering")}", "Your seat is confirmed",
            [Hello(p, en), $"Your enrolment in {p.Text("offering")} is confirmed. See you there!"], Class(p, en))
        : new($"Inscrição confirmada: {p.Text("offering")}", "Sua vaga está confirmada",
            [Hello(p, en), $"Sua inscrição em {p.Text("offering")} está confirmada. Até lá!"], Class(p, en));

    private static EmailContent EnrolmentWaitlisted(EmailPayload p, bool en)
    {
        var place = p.Int("waitlistPosition");
        var facts = Class(p, en);
        if (place is not null)
        {
            facts.Add((en ? "Waiting list place" : "Posição na lista de espera", place.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return en
            ? new($"On the waiting list: {p.Text("offering")}", "You are on the waiting list",
                [Hello(p, en), $"{p.Text("offering")} is full, so you are on its waiting list. If a seat frees up, we will offer it to you by email."], facts)
            : new($"Lista de espera: {p.Text("offering")}", "Você está na lista de espera",
                [Hello(p, en), $"A turma {p.Text("offering")} está lotada; você entrou na lista de espera. Se uma vaga abrir, nós a ofereceremos por e-mail."], facts);
    }

    private static EmailContent EnrolmentPromoted(EmailPayload p, bool en) => en
        ? new($"A seat opened up: {p.Text("offering")}", "You have a seat",
            [Hello(p, en), $"A seat in {p.Text("offering")} opened up and is now yours: your enrolment is confirmed."], Class(p, en))
        : new($"Abriu uma vaga: {p.Text("offering")}", "A vaga é sua",
            [Hello(p, en), $"Abriu uma vaga em {p.Text("offering")} e ela agora é sua: sua inscrição está confirmada."], Class(p, en));

    private static List<(string, string)> Offer(EmailPayload p, bool en)
    {
        var facts = Class(p, en);
        facts.Add((en ? "Accept by" : "Aceite até", p.DateTime("offerExpiresAt")));
        return facts;
    }

    private static EmailContent SeatOffered(EmailPayload p, bool en) => en
        ? new($"A seat is offered to you: {p.Text("offering")}", "A seat is waiting for you",
            [Hello(p, en), $"A seat in {p.Text("offering")} is offered to you. Accept it under My enrolments before {p.DateTime("offerExpiresAt")} (Brasília time), or it passes to the next person."], Offer(p, en))
        : new($"Vaga oferecida: {p.Text("offering")}", "Uma vaga espera por você",
            [Hello(p, en), $"Uma vaga em {p.Text("offering")} foi oferecida a você. Aceite-a em Minhas inscrições até {p.DateTime("offerExpiresAt")} (horário de Brasília), ou ela passa para a próxima pessoa."], Offer(p, en));

    private static EmailContent SeatOfferExpiring(EmailPayload p, bool en) => en
        ? new($"Your seat offer ends soon: {p.Text("offering")}", "Your seat offer ends soon",
            [Hello(p, en), $"The seat offered to you in {p.Text("offering")} is still waiting, until {p.DateTime("offerExpiresAt")} (Brasília time). Accept it under My enrolments."], Offer(p, en))
        : new($"Sua oferta de vaga está acabando: {p.Text("offering")}", "Sua oferta de vaga está acabando",
            [Hello(p, en), $"A vaga oferecida a você em {p.Text("offering")} ainda espera, até {p.DateTime("offerExpiresAt")} (horário de Brasília). Aceite-a em Minhas inscrições."], Offer(p, en));

    private static EmailContent SeatOfferExpired(EmailPayload p, bool en) => en
        ? new($"Seat offer expired: {p.Text("offering")}", "The seat offer expired",
            [Hello(p, en), $"The seat offered to you in {p.Text("offering")} was not accepted in time and has passed to the next person. You can enrol again while enrolment is open."], Class(p, en))
        : new($"Oferta de vaga expirada: {p.Text("offering")}", "A oferta de vaga expirou",
            [Hello(p, en), $"A vaga oferecida a você em {p.Text("offering")} não foi aceita a tempo e passou para a próxima pessoa. Você pode se inscrever de novo enquanto as inscrições estiverem abertas."], Class(p, en));

    private static EmailContent EnrolmentApproved(EmailPayload p, bool en) => en
        ? new($"Enrolment approved: {p.Text("offering")}", "Your enrolment was approved",
            [Hello(p, en), p.Text("status") == "Waitlisted"
                ? $"Your enrolment in {p.Text("offering")} was approved; the class is full, so you are on its waiting list."
                : $"Your enrolment in {p.Text("offering")} was approved and your seat is confirmed."], Class(p, en))
        : new($"Inscrição aprovada: {p.Text("offering")}", "Sua inscrição foi aprovada",
            [Hello(p, en), p.Text("status") == "Waitlisted"
                ? $"Sua inscrição em {p.Text("offering")} foi aprovada; a turma está lotada e você entrou na lista de espera."
                : $"Sua inscrição em {p.Text("offering")} foi aprovada e sua vaga está confirmada."], Class(p, en));

    private static EmailContent EnrolmentRejected(EmailPayload p, bool en)
    {
        var facts = Class(p, en);
        if (p.Optional("reason") is { } reason)
        {
            facts.Add((en ? "Reason" : "Motivo", reason));
        }

        return en
            ? new($"Enrolment not approved: {p.Text("offering")}", "Your enrolment was not approved", [Hello(p, en), $"Your enrolment in {p.Text("offering")} was not approved."], facts)
            : new($"Inscrição não aprovada: {p.Text("offering")}", "Sua inscrição não foi aprovada", [Hello(p, en), $"Sua inscrição em {p.Text("offering")} não foi aprovada."], facts);
    }

    private static EmailContent EnrolmentCancelled(EmailPayload p, bool en) => en
        ? new($"Enrolment cancelled: {p.Text("offering")}", "Your enrolment was cancelled",
            [Hello(p, en), $"Your enrolment in {p.Text("offering")} was cancelled. If this was a mistake, you can enrol again while enrolment is open."], Class(p, en))
        : new($"Inscrição cancelada: {p.Text("offering")}", "Sua inscrição foi cancelada",
            [Hello(p, en), $"Sua inscrição em {p.Text("offering")} foi cancelada. Se foi um engano, você pode se inscrever de novo enquanto as inscrições estiverem abertas."], Class(p, en));

    // ---- completion ---------------------------------------------------------------------------------------------

    private static List<(string, string)> Outcome(EmailPayload p, bool en)
    {
        var facts = new List<(string, string)> { (en ? "Class" : "Turma", $"{p.Text("offering")} ({p.Text("offeringCode")})") };
        if (Attendance.CompletionReason.Parse(p.Optional("reason")) is { } r)
        {
            facts.Add((en ? "Attendance" : "Frequência", en ? $"{r.AttendancePercent} % (minimum {r.MinPercent} %)" : $"{r.AttendancePercent} % (mínimo {r.MinPercent} %)"));
            if (r.RequiredMinutes is { } required)
            {
                facts.Add((en ? "Hours attended" : "Horas cumpridas", en
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.CreditedMinutes / 60.0:0.#} h (required {required / 60.0:0.#} h)")
                    : string.Create(CultureInfo.GetCultureInfo("pt-BR"), $"{r.CreditedMinutes / 60.0:0.#} h (exigidas {required / 60.0:0.#} h)")));
            }
        }

        return facts;
    }

    private static EmailContent EnrolmentCompleted(EmailPayload p, bool en) => en
        ? new($"Completed: {p.Text("offering")}", "You completed the class",
            [Hello(p, en), $"You met the completion rule of {p.Text("offering")}. Your certificate will follow."], Outcome(p, en))
        : new($"Concluída: {p.Text("offering")}", "Você concluiu a turma",
            [Hello(p, en), $"Você cumpriu a regra de conclusão de {p.Text("offering")}. Seu certificado será emitido em seguida."], Outcome(p, en));

    private static EmailContent EnrolmentFailed(EmailPayload p, bool en) => en
        ? new($"Not completed: {p.Text("offering")}", "The class ended without completion",
            [Hello(p, en), $"{p.Text("offering")} has ended and its completion rule was not met, so no certificate is issued. If an absence should be documented or a record is wrong, talk to the instructor or your training administrator."], Outcome(p, en))
        : new($"Não concluída: {p.Text("offering")}", "A turma terminou sem conclusão",
            [Hello(p, en), $"{p.Text("offering")} terminou e a regra de conclusão não foi cumprida, por isso não haverá certificado. Se uma falta precisa ser justificada ou um registro está errado, fale com o instrutor ou com o administrador de capacitação."], Outcome(p, en));

    // ---- catalogue ----------------------------------------------------------------------------------------------

    private static EmailContent SessionCancelled(EmailPayload p, bool en) => WithCancellation(SessionCancelledText(p, en), p, en);

    private static EmailContent SessionCancelledText(EmailPayload p, bool en)
    {
        var facts = new List<(string, string)>
        {
            (en ? "Class" : "Turma", $"{p.Text("offeringTitle")} ({p.Text("offeringCode")})"),
            (en ? "Session" : "Encontro", p.Text("sessionTitle")),
            (en ? "Was scheduled for" : "Estava marcado para", $"{p.DateTime("startsAt")} – {p.DateTime("endsAt")}"),
        };
        if (p.Optional("place") is { } place)
        {
            facts.Add((en ? "Place" : "Local", place));
        }

        return en
            ? new($"Session cancelled: {p.Text("sessionTitle")} ({p.Text("offeringTitle")})", "A session was cancelled",
                [$"The session {p.Text("sessionTitle")} of {p.Text("offeringTitle")} on {p.DateTime("startsAt")} (Brasília time) was cancelled. Your enrolment in the class is unchanged."], facts)
            : new($"Encontro cancelado: {p.Text("sessionTitle")} ({p.Text("offeringTitle")})", "Um encontro foi cancelado",
                [$"O encontro {p.Text("sessionTitle")} da turma {p.Text("offeringTitle")} em {p.DateTime("startsAt")} (horário de Brasília) foi cancelado. Sua inscrição na turma continua valendo."], facts);
    }

    private static EmailContent OfferingCancelled(EmailPayload p, bool en) => WithCancellation(OfferingCancelledText(p, en), p, en);

    private static EmailContent OfferingCancelledText(EmailPayload p, bool en)
    {
        var facts = new List<(string, string)>
        {
            (en ? "Class" : "Turma", $"{p.Text("offeringTitle")} ({p.Text("offeringCode")})"),
            (en ? "Dates" : "Período", $"{p.Date("startsOn")} – {p.Date("endsOn")}"),
        };
        return en
            ? new($"Class cancelled: {p.Text("offeringTitle")}", "A class you enrolled in was cancelled",
                [$"{p.Text("offeringTitle")} was cancelled, and with it your enrolment. We are sorry for the inconvenience."], facts)
            : new($"Turma cancelada: {p.Text("offeringTitle")}", "Uma turma em que você se inscreveu foi cancelada",
                [$"A turma {p.Text("offeringTitle")} foi cancelada, e com ela sua inscrição. Pedimos desculpas pelo transtorno."], facts);
    }

    private static EmailContent SeriesMonthlyProgramme(EmailPayload p, bool en)
    {
        var culture = CultureInfo.GetCultureInfo(en ? Languages.English : Languages.Portuguese);
        var month = new DateTime(p.Int("year") ?? 2000, p.Int("month") ?? 1, 1).ToString("MMMM yyyy", culture);
        var facts = p.Items("sessions").Select(s =>
        {
            var where = s.Optional("streamUrl") ?? s.Optional("place");
            return (s.DateTime("startsAt"), s.Text("title") + (where is null ? "" : " — " + where));
        }).ToList();
        var channel = p.Optional("channelUrl");
        return en
            ? new($"{p.Text("series")}: programme for {month}", $"{p.Text("series")} — {month}",
                [$"These are the webinars of {p.Text("series")} in {month} (Brasília time)."], facts, channel is null ? null : "Channel", channel)
            : new($"{p.Text("series")}: programação de {month}", $"{p.Text("series")} — {month}",
                [$"Estes são os webinários de {p.Text("series")} em {month} (horário de Brasília)."], facts, channel is null ? null : "Canal", channel);
    }
}
