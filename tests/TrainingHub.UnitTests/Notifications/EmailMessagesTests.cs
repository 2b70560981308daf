using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Attendance.Messages;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Notifications.Messages;
using TrainingHub.Core.Reports;
using TrainingHub.Core.Reports.Messages;

namespace TrainingHub.UnitTests.Notifications;

/// <summary>The typed messages, their Razor templates (rendered outside any request) and the rows written before they were typed.</summary>
public sealed partial class EmailMessagesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static IEnumerable<TestCaseData> AllTypes() =>
        from type in EmailMessages.All.OrderBy(t => t.Name, StringComparer.Ordinal)
        from language in Languages.All
        from optional in new[] { true, false }
        select new TestCaseData(type, language, optional).SetArgDisplayNames(type.Name, language, optional ? "all fields" : "optional fields empty");

    [TestCaseSource(nameof(AllTypes))]
    public async Task Every_message_has_a_template_in_each_language_that_leaves_no_placeholder_empty(Type type, string language, bool optional)
    {
        var message = (IEmailMessage)Sample(type, optional, 0)!;
        var rendered = await EmailRenderer.Shared.RenderAsync(message, language, "https://traininghub.test/unsubscribe?p=1&t=x");

        rendered.Subject.ShouldNotBeNullOrWhiteSpace();
        rendered.Html.ShouldContain($"<html lang=\"{language}\">");
        rendered.Html.ShouldContain($"<title>{rendered.Subject.Replace("&", "&amp;", StringComparison.Ordinal)}</title>");
        rendered.Html.ShouldNotContain("<img");
        foreach (var part in new[] { rendered.Subject, rendered.Html, rendered.Text })
        {
            // A key missing from the resx file comes back as its name; a format item left unfilled as {0}.
            MissingKey().IsMatch(part).ShouldBeFalse(part);
            part.ShouldNotContain("{0}");
            part.ShouldNotContain("()");
        }

        EmptyElement().IsMatch(rendered.Html).ShouldBeFalse(rendered.Html);
        rendered.Text.ShouldNotContain("</");
        rendered.Text.ShouldNotContain("&amp;");
        rendered.Text.Split('\n').ShouldNotContain(l => l.EndsWith(':') || l.EndsWith(": ", StringComparison.Ordinal));
        rendered.Text.Length.ShouldBeGreaterThan(60);
        // Every fact of the text part is in the HTML too.
        foreach (var line in rendered.Text.Split('\n').Where(l => l.Contains(": ", StringComparison.Ordinal) && !l.StartsWith("http", StringComparison.Ordinal) && !l.Contains("/unsubscribe", StringComparison.Ordinal)))
        {
            var value = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            rendered.Html.ShouldContain(value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
        }

        rendered.Text.ShouldContain(language == Languages.English ? "please do not reply" : "não responda");
        rendered.Text.ShouldContain("https://traininghub.test/unsubscribe?p=1&t=x");
    }

    [Test]
    public void Every_message_keeps_the_name_its_rows_are_stored_under() =>
        EmailMessages.All.Select(t => t.Name).Order(StringComparer.Ordinal).ShouldBe(
        [
            "AbsenceJustificationAccepted", "AbsenceJustificationRejected", "AccountInvitation", "AttendanceAtRisk", "AttendanceAtRiskManager", "AuditChainBroken", "CertificateIssued", "CertificateUnderReview", "CheckInOpen",
            "EnrolmentApproved", "EnrolmentCancelled", "EnrolmentCompleted", "EnrolmentConfirmed", "EnrolmentFailed", "EnrolmentPromoted", "EnrolmentReceived",
            "EnrolmentRejected", "EnrolmentWaitlisted", "MonthlyReport", "NeedsSurveyInvitation", "OfferingCancelled", "PasswordResetLink", "PendingApprovalsDigest", "ProgrammeTargetDigest",
            "RegistrationAccountExists", "RegistrationApproved", "RegistrationConfirmation", "RegistrationRefused", "SeatOfferExpired", "SeatOfferExpiring",
            "SeatOffered", "SeriesMonthlyProgramme", "SessionCancelled", "SessionReminder", "SessionRescheduled", "TeamTargetDigest", "YearlyProgressDigest",
        ]);

    [Test]
    public async Task Dates_are_shown_in_sao_paulo_time_and_markup_in_data_is_escaped()
    {
        var offer = new SeatOffered("João Conceição", "Licitações & Contratos <2026>", "LC-01", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27),
            new DateTime(2026, 3, 1, 2, 30, 0, DateTimeKind.Utc));
        var pt = await EmailRenderer.Shared.RenderAsync(offer, Languages.Portuguese);
        pt.Subject.ShouldBe("Vaga oferecida: Licitações & Contratos <2026>");
        pt.Text.ShouldContain("Aceite até: 28/02/2026 23:30");
        pt.Text.ShouldContain("Período: 02/03/2026 – 27/03/2026");
        pt.Text.ShouldContain("Olá, João Conceição.");
        pt.Html.ShouldContain("Licitações &amp; Contratos &lt;2026&gt;");
        pt.Html.ShouldNotContain("<2026>");

        var rejected = new EnrolmentRejected("João", "Licitações", "LC-01", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27), "Vagas reservadas à Saúde");
        var en = await EmailRenderer.Shared.RenderAsync(rejected, Languages.English);
        en.Subject.ShouldBe("Enrolment not approved: Licitações");
        en.Text.ShouldContain("Reason: Vagas reservadas à Saúde");
        en.Html.ShouldContain("Vagas reservadas à Saúde");
    }

    [Test]
    public async Task Completion_messages_state_the_attendance_against_the_minimum_in_the_reader_language()
    {
        var reason = CompletionReason.Parse("attendance=62;min=75;minutes=450;required=600");
        var pt = await EmailRenderer.Shared.RenderAsync(new EnrolmentFailed("Ana", "Gestão de Riscos", "GR-1", reason), Languages.Portuguese);
        pt.Subject.ShouldBe("Não concluída: Gestão de Riscos");
        pt.Text.ShouldContain("Frequência: 62 % (mínimo 75 %)");
        pt.Text.ShouldContain("Horas cumpridas: 7 h 30 (exigidas 10 h)");
        var en = await EmailRenderer.Shared.RenderAsync(new EnrolmentCompleted("Ana", "Gestão de Riscos", "GR-1", reason), Languages.English);
        en.Subject.ShouldBe("Completed: Gestão de Riscos");
        en.Text.ShouldContain("Attendance: 62 % (minimum 75 %)");
        en.Text.ShouldContain("Hours attended: 7h 30m (required 10h)");
    }

    [Test]
    public async Task The_monthly_report_names_the_report_and_the_month_in_the_reader_language()
    {
        var report = new MonthlyReport(5, ReportKind.HoursByOrganization, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), "2026-10");
        var pt = await EmailRenderer.Shared.RenderAsync(report, Languages.Portuguese);
        pt.Subject.ShouldBe("Relatório mensal: Horas por órgão (outubro 2026)");
        pt.Text.ShouldContain("Período: 01/10/2026 – 31/10/2026");
        (await EmailRenderer.Shared.RenderAsync(report, Languages.English)).Subject.ShouldBe("Monthly report: Hours by organisation (October 2026)");
        report.Attachments.ShouldBe([new OutboxAttachment("report", "5:2026-10")]);
    }

    [Test]
    public void An_unknown_type_has_no_message() => EmailMessages.Read("NoSuchMessage", "{}").ShouldBeNull();

    [Test]
    public void A_message_round_trips_through_its_row_without_the_essential_flag_in_the_payload()
    {
        var message = new EnrolmentApproved("Ana", "Gestão de Riscos", "GR-1", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27), EnrolmentStatus.Waitlisted);
        var json = EmailMessages.Serialize(message);
        json.ShouldNotContain("essential");
        json.ShouldContain("\"status\":\"Waitlisted\"");
        EmailMessages.Read(EmailMessages.NameOf(message), json).ShouldBe(message);
    }

    /// <summary>Payloads exactly as the application queued them before messages were typed (their keys, dates and enums as strings).</summary>
    [Test]
    public async Task Rows_queued_before_messages_were_typed_are_read_into_their_record()
    {
        var enrolment = JsonSerializer.Serialize(new
        {
            enrolmentId = 7,
            person = "João Conceição",
            offering = "Licitações",
            offeringCode = "LC-01",
            startsOn = new DateOnly(2026, 3, 2),
            endsOn = new DateOnly(2026, 3, 27),
            status = "Waitlisted",
            waitlistPosition = 3,
            offerExpiresAt = new DateTime(2026, 3, 1, 2, 30, 0, DateTimeKind.Utc),
            reason = "Vagas reservadas à Saúde",
        }, Json);
        var approved = EmailMessages.Read("EnrolmentApproved", enrolment);
        approved.ShouldBe(new EnrolmentApproved("João Conceição", "Licitações", "LC-01", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27), EnrolmentStatus.Waitlisted));
        (await EmailRenderer.Shared.RenderAsync(approved!, Languages.Portuguese)).Text.ShouldContain("como as vagas estão esgotadas, você entrou na lista de espera");

        var cancelled = JsonSerializer.Serialize(new
        {
            sessionId = 1,
            sessionTitle = "Encontro 2",
            offeringId = 3,
            offeringCode = "LC-01",
            offeringTitle = "Licitações",
            startsAt = "2026-03-10T17:00:00.0000000Z",
            endsAt = "2026-03-10T20:00:00.0000000Z",
            place = "Sala 3",
            streamUrl = (string?)null,
            stamp = "2026-03-01T12:00:00.0000000Z",
            invitations = new[] { new { sessionId = 1, sequence = 2, title = "Encontro 2", startsAt = "2026-03-10T17:00:00.0000000Z", endsAt = "2026-03-10T20:00:00.0000000Z", place = "Sala 3", streamUrl = (string?)null } },
        }, Json);
        var session = EmailMessages.Read("SessionCancelled", cancelled).ShouldBeOfType<SessionCancelled>();
        session.Session.ShouldBe("Encontro 2");
        session.Offering.ShouldBe("Licitações");
        var rendered = await EmailRenderer.Shared.RenderAsync(session, Languages.English);
        rendered.Subject.ShouldBe("Session cancelled: Encontro 2 (Licitações)");
        rendered.Text.ShouldContain("Was scheduled for: 10/03/2026 14:00 – 10/03/2026 17:00");
        var ics = System.Text.Encoding.UTF8.GetString(rendered.Attachments.ShouldNotBeNull().ShouldHaveSingleItem().Content);
        ics.ShouldContain("METHOD:CANCEL");
        ics.ShouldContain("UID:session-1@traininghub");

        var failed = JsonSerializer.Serialize(new { enrolmentId = 4, person = "Ana", offering = "Gestão de Riscos", offeringCode = "GR-1", status = "Failed", reason = "attendance=62;min=75;minutes=450;required=600" }, Json);
        var reason = EmailMessages.Read("EnrolmentFailed", failed).ShouldBeOfType<EnrolmentFailed>().Reason.ShouldNotBeNull();
        (reason.AttendancePercent, reason.MinPercent, reason.CreditedMinutes, reason.RequiredMinutes).ShouldBe((62, 75, 450, (int?)600));

        var reminder = JsonSerializer.Serialize(new
        {
            kind = "hour",
            person = "Ana",
            offeringId = 3,
            offering = "Licitações",
            offeringCode = "LC-01",
            sessionId = 9,
            sequence = 0,
            title = "Aula 1",
            startsAt = "2026-03-10T17:00:00.0000000Z",
            endsAt = "2026-03-10T20:00:00.0000000Z",
            place = (string?)null,
            streamUrl = "https://video.example.gov.br/1",
            stamp = "2026-03-10T16:00:00.0000000Z",
        }, Json);
        var read = EmailMessages.Read("SessionReminder", reminder).ShouldBeOfType<SessionReminder>();
        read.Kind.ShouldBe(ReminderKind.Hour);
        read.Session.ShouldBe("Aula 1");
        (await EmailRenderer.Shared.RenderAsync(read, Languages.Portuguese)).Subject.ShouldBe("Começa em uma hora: Aula 1 (Licitações)");
    }

    [Test]
    public void Backoff_doubles_from_one_minute_up_to_the_cap()
    {
        Enumerable.Range(1, 10).Select(a => DispatchOutbox.Backoff(a, 240).TotalMinutes).ShouldBe([1, 2, 4, 8, 16, 32, 64, 128, 240, 240]);
        DispatchOutbox.MessageId("k:1", "x.gov.br").ShouldBe(DispatchOutbox.MessageId("k:1", "x.gov.br"));
        DispatchOutbox.MessageId("k:1", "x.gov.br").ShouldNotBe(DispatchOutbox.MessageId("k:2", "x.gov.br"));
    }

    /// <summary>
    /// A record filled from its constructor: every text (with markup characters, to see them escaped), number and date
    /// set, lists of one; with <paramref name="optional"/> false, every nullable field is null and top-level lists are empty.
    /// </summary>
    private static object? Sample(Type type, bool optional, int depth)
    {
        if (type == typeof(string))
        {
            return "Gestão & Riscos";
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return optional ? Sample(inner, optional, depth) : null;
        }

        if (type == typeof(int))
        {
            return 90;
        }

        if (type == typeof(long))
        {
            return 90L;
        }

        if (type == typeof(bool))
        {
            return optional;
        }

        if (type == typeof(DateTime))
        {
            return new DateTime(2026, 3, 10, 17, 0, 0, DateTimeKind.Utc);
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnly(2026, 3, 2);
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValuesAsUnderlyingType(type);
            return Enum.ToObject(type, values.GetValue(optional ? 0 : values.Length - 1)!);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = type.GetGenericArguments()[0];
            var list = Array.CreateInstance(item, optional || depth > 0 ? 1 : 0);
            if (list.Length == 1)
            {
                list.SetValue(Sample(item, optional, depth + 1), 0);
            }

            return list;
        }

        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var nullability = new NullabilityInfoContext();
        var args = ctor.GetParameters().Select(p =>
            !optional && !p.ParameterType.IsValueType && nullability.Create(p).WriteState == NullabilityState.Nullable
                ? null
                : Sample(p.ParameterType, optional, depth)).ToArray();
        return ctor.Invoke(args);
    }

    [GeneratedRegex(@"\bMail\.[A-Z]")]
    private static partial Regex MissingKey();

    [GeneratedRegex(@"<(dt|dd|p|h1|a)\b[^>]*>\s*</\1>")]
    private static partial Regex EmptyElement();
}
