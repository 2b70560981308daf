using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Certificates.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Reports;
using TrainingHub.Core.Reports.Messages;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// The outbox dispatcher against a real SMTP server (maildev): what arrives, in both languages; refusals, a server that
/// is down, two dispatchers at once and a crashed sender's lease.
/// </summary>
public sealed class OutboxDeliveryTests(string provider) : MailFixture(provider)
{
    [Test]
    public async Task An_enrolment_arrives_in_portuguese_and_in_english_with_accents_intact()
    {
        var offeringId = await Arrange.ClassAsync(App, 10, o => o.Title = "Gestão de Contratos Públicos — Ação " + Guid.NewGuid().ToString("N")[..6]);
        var title = await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.Title).SingleAsync());
        var people = await Arrange.PeopleAsync(App, 2);
        await SetPersonAsync(people[0], "João Conceição", Languages.Portuguese);
        await SetPersonAsync(people[1], "Ana Müller", Languages.English);
        await EnrolAsync(offeringId, people[0]);
        await EnrolAsync(offeringId, people[1]);

        await DispatchAsync();

        var pt = (await Mail.ForAsync(await EmailOfAsync(people[0]))).ShouldHaveSingleItem();
        pt.GetProperty("subject").GetString().ShouldBe("Inscrição confirmada: " + title);
        var ptText = pt.GetProperty("text").GetString()!;
        ptText.ShouldContain("Olá, João Conceição.");
        ptText.ShouldContain("Sua inscrição em " + title + " está confirmada.");
        ptText.ShouldContain("Período: ");
        var ptHtml = pt.GetProperty("html").GetString()!;
        ptHtml.ShouldContain("<html lang=\"pt-BR\">");
        ptHtml.ShouldContain("Olá, João Conceição.");
        ptHtml.ShouldContain("Gestão de Contratos Públicos — Ação");
        pt.GetProperty("from")[0].GetProperty("address").GetString().ShouldBe("cursos@traininghub.test");
        pt.GetProperty("from")[0].GetProperty("name").GetString().ShouldBe("Escola de Governo — Capacitação");

        var en = (await Mail.ForAsync(await EmailOfAsync(people[1]))).ShouldHaveSingleItem();
        en.GetProperty("subject").GetString().ShouldBe("Enrolment confirmed: " + title);
        en.GetProperty("text").GetString()!.ShouldContain("Hello, Ana Müller.");
        en.GetProperty("html").GetString()!.ShouldContain("<html lang=\"en\">");
        en.GetProperty("html").GetString()!.ShouldContain("Your seat is confirmed");

        // The Message-ID comes from the idempotency key: a resend after a crash carries the same one.
        var key = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientPersonId == people[0]).Select(m => m.IdempotencyKey).SingleAsync());
        pt.GetProperty("messageId").GetString()!.Trim('<', '>').ShouldBe(DispatchOutbox.MessageId(key, "traininghub.test").Trim('<', '>'));
        (await StatusesAsync(people)).ShouldAllBe(s => s == OutboxStatus.Sent);
    }

    [Test]
    public async Task A_message_is_rendered_when_queued_and_goes_out_as_stored_and_one_without_a_rendering_is_rendered_when_sent()
    {
        var offeringId = await Arrange.ClassAsync(App, 10);
        var people = await Arrange.PeopleAsync(App, 2);
        await SetPersonAsync(people[0], "Ana Müller", Languages.English);
        await SetPersonAsync(people[1], "João Conceição", Languages.Portuguese);
        await EnrolAsync(offeringId, people[0]);
        await EnrolAsync(offeringId, people[1]);

        // Rendered as it was queued, in the recipient's language.
        var rows = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RecipientPersonId == people[0] || m.RecipientPersonId == people[1]).ToListAsync());
        var english = RenderedOutboxEmail.FromJson(rows.Single(r => r.RecipientPersonId == people[0]).RenderedJson).ShouldNotBeNull();
        english.Subject.ShouldStartWith("Enrolment confirmed: ");
        english.Html.ShouldContain("<html lang=\"en\">");
        RenderedOutboxEmail.FromJson(rows.Single(r => r.RecipientPersonId == people[1]).RenderedJson).ShouldNotBeNull().Subject.ShouldStartWith("Inscrição confirmada: ");

        // What goes out is what was stored (the dispatcher renders nothing again); a row without a stored rendering (queued
        // before rendering moved to queue time) is rendered when it is sent.
        var first = rows.Single(r => r.RecipientPersonId == people[0]).Id;
        var second = rows.Single(r => r.RecipientPersonId == people[1]).Id;
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == first)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.RenderedJson, (english with { Subject = "The subject stored at queue time" }).ToJson())));
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == second).ExecuteUpdateAsync(u => u.SetProperty(m => m.RenderedJson, (string?)null)));

        await DispatchAsync();

        var en = (await Mail.ForAsync(await EmailOfAsync(people[0]))).ShouldHaveSingleItem();
        en.GetProperty("subject").GetString().ShouldBe("The subject stored at queue time");
        en.GetProperty("text").GetString()!.ShouldContain("Hello, Ana Müller.");
        var pt = (await Mail.ForAsync(await EmailOfAsync(people[1]))).ShouldHaveSingleItem();
        pt.GetProperty("subject").GetString()!.ShouldStartWith("Inscrição confirmada: ");
        pt.GetProperty("text").GetString()!.ShouldContain("Olá, João Conceição.");
        (await StatusesAsync(people)).ShouldAllBe(s => s == OutboxStatus.Sent);
    }

    [Test]
    public async Task A_refused_address_is_dead_lettered_with_the_reason_while_the_next_message_is_delivered()
    {
        var offeringId = await Arrange.ClassAsync(App, 10);
        var people = await Arrange.PeopleAsync(App, 2);
        // The server refuses this recipient (5xx): consecutive dots are not a valid address for it.
        var refused = $"\"refused..{Guid.NewGuid():N}\"@example.gov.br";
        await App.WithDbAsync(async db =>
        {
            await db.People.Where(p => p.Id == people[0]).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, refused));
            return true;
        });
        await EnrolAsync(offeringId, people[0]);
        await EnrolAsync(offeringId, people[1]);

        await DispatchAsync();

        var dead = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientPersonId == people[0]));
        dead.Status.ShouldBe(OutboxStatus.DeadLetter);
        dead.Attempts.ShouldBe(1);
        dead.LastError.ShouldNotBeNull();
        dead.LastError.ShouldContain("Refused permanently");
        (await Mail.ForAsync(await EmailOfAsync(people[1]))).ShouldHaveSingleItem();
        (await StatusesAsync([people[1]])).ShouldAllBe(s => s == OutboxStatus.Sent);
    }

    [Test]
    public async Task An_unknown_message_type_is_dead_lettered_saying_so()
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        var email = await EmailOfAsync(person);
        await App.WithDbAsync(async db =>
        {
            OldOutboxRows.Add(db, "NoSuchMessage", person, email, Languages.Portuguese, "it-unknown:" + Guid.NewGuid(), new { x = 1 }, essential: true, App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        await DispatchAsync();

        var row = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientPersonId == person));
        row.Status.ShouldBe(OutboxStatus.DeadLetter);
        row.LastError!.ShouldContain("Unknown message type 'NoSuchMessage'");
        (await Mail.ForAsync(email, expected: 0)).ShouldBeEmpty();
    }

    [Test]
    public async Task Rows_queued_before_messages_were_typed_are_still_delivered_in_full()
    {
        var people = await Arrange.PeopleAsync(App, 2);
        var emails = new[] { await EmailOfAsync(people[0]), await EmailOfAsync(people[1]) };
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            // The payloads exactly as the application queued them before: one concept under other keys
            // (offeringTitle, sessionTitle), dates and enums as strings, fields no template reads.
            OldOutboxRows.Add(db, "EnrolmentApproved", people[0], emails[0], Languages.Portuguese, "it-old-row:" + Guid.NewGuid(), new
            {
                enrolmentId = 7,
                person = "João Conceição",
                offering = "Licitações & Contratos",
                offeringCode = "LC-01",
                startsOn = "2026-03-02",
                endsOn = "2026-03-27",
                status = "Waitlisted",
                waitlistPosition = 3,
                offerExpiresAt = (DateTime?)null,
                reason = (string?)null,
            }, essential: true, now);
            OldOutboxRows.Add(db, "SessionCancelled", people[1], emails[1], Languages.English, "it-old-row:" + Guid.NewGuid(), new
            {
                sessionId = 41,
                sessionTitle = "Encontro 2",
                offeringId = 3,
                offeringCode = "LC-01",
                offeringTitle = "Licitações",
                startsAt = "2026-03-10T17:00:00.0000000Z",
                endsAt = "2026-03-10T20:00:00.0000000Z",
                place = "Sala 3",
                streamUrl = (string?)null,
                stamp = "2026-03-01T12:00:00.0000000Z",
                invitations = new[] { new { sessionId = 41, sequence = 2, title = "Encontro 2", startsAt = "2026-03-10T17:00:00.0000000Z", endsAt = "2026-03-10T20:00:00.0000000Z", place = "Sala 3", streamUrl = (string?)null } },
            }, essential: true, now);
            return await db.SaveChangesAsync();
        });

        await DispatchAsync();

        var approved = (await Mail.ForAsync(emails[0])).ShouldHaveSingleItem();
        approved.GetProperty("subject").GetString().ShouldBe("Inscrição aprovada: Licitações & Contratos");
        var text = approved.GetProperty("text").GetString()!;
        text.ShouldContain("Olá, João Conceição.");
        text.ShouldContain("Sua inscrição em Licitações & Contratos foi aprovada; como as vagas estão esgotadas, você entrou na lista de espera.");
        text.ShouldContain("Turma: Licitações & Contratos (LC-01)");
        text.ShouldContain("Período: 02/03/2026 – 27/03/2026");
        approved.GetProperty("html").GetString()!.ShouldContain("Licitações &amp; Contratos");

        var cancelled = (await Mail.ForAsync(emails[1])).ShouldHaveSingleItem();
        cancelled.GetProperty("subject").GetString().ShouldBe("Session cancelled: Encontro 2 (Licitações)");
        var en = cancelled.GetProperty("text").GetString()!;
        en.ShouldContain("This session was cancelled: Encontro 2 (Licitações), on 10/03/2026 14:00 (Brasília time).");
        en.ShouldContain("Was scheduled for: 10/03/2026 14:00 – 10/03/2026 17:00");
        en.ShouldContain("Place: Sala 3");
        var invite = cancelled.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        var ics = System.Text.Encoding.UTF8.GetString(await Mail.AttachmentAsync(cancelled, invite.GetProperty("generatedFileName").GetString()!));
        ics.ShouldContain("METHOD:CANCEL");
        ics.ShouldContain("UID:session-41@traininghub");
        (await StatusesAsync(people)).ShouldAllBe(s => s == OutboxStatus.Sent);
    }

    [Test]
    public async Task A_row_its_record_cannot_read_is_dead_lettered_saying_so()
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        var email = await EmailOfAsync(person);
        await App.WithDbAsync(async db =>
        {
            OldOutboxRows.Add(db, "SeatOffered", person, email, Languages.Portuguese, "it-unreadable:" + Guid.NewGuid(),
                new { person = "Pessoa", offering = "Turma", offeringCode = "T-1", startsOn = "2026-03-02", endsOn = "2026-03-20", offerExpiresAt = "amanhã" },
                essential: true, App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        await DispatchAsync();

        var row = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientPersonId == person));
        row.Status.ShouldBe(OutboxStatus.DeadLetter);
        row.LastError!.ShouldStartWith("Cannot render 'SeatOffered': ");
        (await Mail.ForAsync(email, expected: 0)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_non_essential_message_carries_a_list_unsubscribe_header()
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        var email = await EmailOfAsync(person);
        var message = new SeriesMonthlyProgramme("Webinários de Inovação", "https://video.example.gov.br/canal", 2026, 3,
            [new ProgrammeSession("Gestão de riscos", new DateTime(2026, 3, 10, 17, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 18, 0, 0, DateTimeKind.Utc), null, "Auditório")]);
        await App.WithDbAsync(async db =>
        {
            Outbox.Add(db, person, email, Languages.Portuguese, "it-programme:" + Guid.NewGuid(), message, App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        await DispatchAsync();

        var received = (await Mail.ForAsync(email)).ShouldHaveSingleItem();
        received.GetProperty("subject").GetString().ShouldBe("Webinários de Inovação: programação de março 2026");
        received.GetProperty("headers").GetProperty("list-unsubscribe").GetString()!.ShouldStartWith($"<https://traininghub.test/unsubscribe?p={person}&t=");
        received.GetProperty("text").GetString()!.ShouldContain("10/03/2026 14:00: Gestão de riscos — Auditório");
    }

    [Test]
    public async Task With_the_server_down_messages_wait_and_go_out_once_when_it_is_back()
    {
        var offeringId = await Arrange.ClassAsync(App, 10);
        var people = await Arrange.PeopleAsync(App, 3);
        foreach (var p in people)
        {
            await EnrolAsync(offeringId, p);
        }

        await DispatchAsync(port: ClosedPort());

        var rows = await RowsAsync(people);
        rows.ShouldAllBe(r => r.Status == OutboxStatus.Pending && r.Attempts == 1 && r.LockedBy == null);
        rows.ShouldAllBe(r => r.NextAttemptAt > App.Clock.GetUtcNow().UtcDateTime);
        rows.ShouldAllBe(r => r.LastError != null && r.LastError.Contains("unavailable"));

        // Not due yet: a run against the working server sends nothing of these.
        await DispatchAsync();
        foreach (var p in people)
        {
            (await Mail.ForAsync(await EmailOfAsync(p), expected: 0)).ShouldBeEmpty();
        }

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await DispatchAsync();
        await DispatchAsync();
        foreach (var p in people)
        {
            (await Mail.ForAsync(await EmailOfAsync(p))).Count.ShouldBe(1);
        }

        (await RowsAsync(people)).ShouldAllBe(r => r.Status == OutboxStatus.Sent && r.SentAt != null && r.Attempts == 2);
    }

    [Test]
    public async Task Two_dispatchers_at_once_deliver_each_message_exactly_once()
    {
        var offeringId = await Arrange.ClassAsync(App, 50);
        var people = await Arrange.PeopleAsync(App, 12);
        foreach (var p in people)
        {
            await EnrolAsync(offeringId, p);
        }

        var outcomes = await Task.WhenAll(DispatchAsync(instance: "it-a", batch: 4), DispatchAsync(instance: "it-b", batch: 4), DispatchAsync(instance: "it-a2", batch: 100), DispatchAsync(instance: "it-b2", batch: 100));
        outcomes.Sum(o => o.DeadLettered).ShouldBe(0);
        await DispatchAsync();

        foreach (var p in people)
        {
            (await Mail.ForAsync(await EmailOfAsync(p))).Count.ShouldBe(1);
        }

        (await RowsAsync(people)).ShouldAllBe(r => r.Status == OutboxStatus.Sent && r.Attempts == 1);
    }

    [Test]
    public async Task A_crashed_senders_expired_lease_is_picked_up_again()
    {
        var offeringId = await Arrange.ClassAsync(App, 10);
        var people = await Arrange.PeopleAsync(App, 2);
        await EnrolAsync(offeringId, people[0]);
        await EnrolAsync(offeringId, people[1]);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(async db =>
        {
            // One lease expired a minute ago (its sender died); the other is still held by a live sender.
            await db.OutboxMessages.Where(m => m.RecipientPersonId == people[0]).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LockedBy, "crashed-host:1")
                .SetProperty(m => m.LockedUntil, now.AddMinutes(-1)).SetProperty(m => m.Attempts, 1));
            return await db.OutboxMessages.Where(m => m.RecipientPersonId == people[1]).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LockedBy, "live-host:1")
                .SetProperty(m => m.LockedUntil, now.AddMinutes(4)).SetProperty(m => m.Attempts, 1));
        });

        await DispatchAsync();

        (await Mail.ForAsync(await EmailOfAsync(people[0]))).Count.ShouldBe(1);
        (await Mail.ForAsync(await EmailOfAsync(people[1]), expected: 0)).ShouldBeEmpty();
        var rows = await RowsAsync(people);
        rows.Single(r => r.RecipientPersonId == people[0]).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Sent), r => r.Attempts.ShouldBe(2));
        rows.Single(r => r.RecipientPersonId == people[1]).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Sending), r => r.LockedBy.ShouldBe("live-host:1"));
    }

    [Test]
    public async Task An_attachment_named_in_the_payload_arrives_byte_identical_and_an_unknown_kind_is_dead_lettered_saying_so()
    {
        var people = await Arrange.PeopleAsync(App, 2);
        var content = new byte[70_000];
        new Random(7).NextBytes(content);
        // The certificate message names a "certificate" file (served here by a fixed source); the monthly report names a
        // "report" file, for which this dispatcher has no source.
        var source = new FixedFile(AttachmentKinds.Certificate, "Certificado — João.pdf", content);
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var first = await db.People.SingleAsync(x => x.Id == people[0]);
            await Outbox.QueueAsync(db, first, $"attachment-test:{first.Id}",
                new CertificateIssued(first.FullName, "Turma", "T-1", 480, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 20), "ABCD-EFGH", "https://traininghub.test/verify/ABCD-EFGH", false), now);
            var second = await db.People.SingleAsync(x => x.Id == people[1]);
            await Outbox.QueueAsync(db, second, $"attachment-test:{second.Id}", new MonthlyReport(1, ReportKind.HoursByPerson, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "2026-02"), now);

            return await db.SaveChangesAsync();
        });

        var outcome = await DispatchAsync(sources: [source]);

        outcome.Sent.ShouldBe(1);
        var mail = (await Mail.ForAsync(await EmailOfAsync(people[0]))).ShouldHaveSingleItem();
        var attachment = mail.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        (await Mail.AttachmentAsync(mail, attachment.GetProperty("generatedFileName").GetString()!)).ShouldBe(content);
        var dead = (await RowsAsync([people[1]])).ShouldHaveSingleItem();
        dead.Status.ShouldBe(OutboxStatus.DeadLetter);
        dead.LastError.ShouldBe("No attachment source for kind 'report'.");
    }

    [Test]
    public async Task A_class_title_saved_with_line_breaks_goes_out_on_one_subject_line_and_adds_no_header()
    {
        // The poison message of issue 18: a title with line breaks written straight into the database (no form or API
        // accepts one any more), trying to start a header of its own.
        var offeringId = await Arrange.ClassAsync(App, 10);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Title, $"Gestão {tag}\r\nBcc: intruso@example.gov.br\r\n\r\nCorpo\u0007 falso")));
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        await EnrolAsync(offeringId, person);

        var outcome = await DispatchAsync();

        var row = (await RowsAsync([person])).ShouldHaveSingleItem();
        row.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Sent, r.LastError), r => r.Attempts.ShouldBe(1));
        outcome.Sent.ShouldBe(1);
        var mail = (await Mail.ForAsync(await EmailOfAsync(person))).ShouldHaveSingleItem();
        mail.GetProperty("subject").GetString().ShouldBe($"Inscrição confirmada: Gestão {tag} Bcc: intruso@example.gov.br Corpo falso");
        mail.GetProperty("headers").TryGetProperty("bcc", out _).ShouldBeFalse();
        (await Mail.ForAsync("intruso@example.gov.br", expected: 0)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_message_that_fails_in_any_way_is_retried_with_its_error_and_history_and_dead_lettered_at_the_maximum()
    {
        var people = await Arrange.PeopleAsync(App, 2);
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var first = await db.People.SingleAsync(x => x.Id == people[0]);
            await Outbox.QueueAsync(db, first, $"poison:{first.Id}",
                new CertificateIssued(first.FullName, "Turma", "T-1", 480, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 20), "WXYZ-1234", "https://traininghub.test/verify/WXYZ-1234", false), now);
            var second = await db.People.SingleAsync(x => x.Id == people[1]);
            Outbox.Add(db, second.Id, second.Email, Languages.Portuguese, $"poison-neighbour:{second.Id}",
                new SeriesMonthlyProgramme("Webinários", "https://video.example.gov.br", 2026, 3, []), now);
            return await db.SaveChangesAsync();
        });
        // The certificate's file cannot be read: an exception nobody classified, raised while the message is being prepared.
        var broken = new ThrowingSource(AttachmentKinds.Certificate);

        // The first run: the failure is one attempt, recorded, and the message beside it still goes out.
        var first = await DispatchAsync(sources: [broken]);
        first.ShouldSatisfyAllConditions(o => o.Sent.ShouldBe(1), o => o.Retried.ShouldBe(1));
        (await Mail.ForAsync(await EmailOfAsync(people[1]))).ShouldHaveSingleItem();
        var row = (await RowsAsync([people[0]])).ShouldHaveSingleItem();
        row.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Pending), r => r.Attempts.ShouldBe(1), r => r.LockedBy.ShouldBeNull(),
            r => r.LastError.ShouldBe("IOException: certificate store unreachable"));

        for (var run = 2; run <= 8; run++)
        {
            App.Clock.Advance(TimeSpan.FromHours(5));
            await DispatchAsync(sources: [broken]);
        }

        row = (await RowsAsync([people[0]])).ShouldHaveSingleItem();
        row.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.DeadLetter), r => r.Attempts.ShouldBe(8),
            r => r.LastError.ShouldBe("Gave up after 8 attempts: IOException: certificate store unreachable"));
        App.Clock.Advance(TimeSpan.FromHours(5));
        (await DispatchAsync(sources: [broken])).Claimed.ShouldBe(0);
        var detail = await App.WithDbAsync(db => ListOutbox.DetailAsync(db, row.Id, CancellationToken.None));
        detail!.History.Select(h => (h.Attempt, h.Outcome)).ShouldBe([.. Enumerable.Range(1, 7).Select(i => (i, OutboxAttemptOutcome.Retry)), (8, OutboxAttemptOutcome.DeadLetter)]);
        detail.History.ShouldAllBe(h => h.Error!.Contains("certificate store unreachable"));
        (await Mail.ForAsync(await EmailOfAsync(people[0]), expected: 0)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_row_whose_sender_stopped_on_its_last_attempt_is_dead_lettered_instead_of_claimed_again()
    {
        var offeringId = await Arrange.ClassAsync(App, 10);
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        await EnrolAsync(offeringId, person);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientPersonId == person).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LockedBy, "killed-host:1")
            .SetProperty(m => m.LockedUntil, now.AddMinutes(-1)).SetProperty(m => m.Attempts, 8)));

        var outcome = await DispatchAsync();

        outcome.ShouldSatisfyAllConditions(o => o.DeadLettered.ShouldBe(1), o => o.Sent.ShouldBe(0));
        var row = (await RowsAsync([person])).ShouldHaveSingleItem();
        row.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.DeadLetter), r => r.Attempts.ShouldBe(8), r => r.LockedBy.ShouldBeNull(),
            r => r.LastError!.ShouldStartWith("Gave up after 8 attempts: the last one never finished (its sender, killed-host:1,"));
        var history = await App.WithDbAsync(db => db.OutboxAttempts.Where(a => a.OutboxMessageId == row.Id).ToListAsync());
        history.ShouldHaveSingleItem().Outcome.ShouldBe(OutboxAttemptOutcome.DeadLetter);
        (await Mail.ForAsync(await EmailOfAsync(person), expected: 0)).ShouldBeEmpty();
    }

    private sealed class ThrowingSource(string kind) : IOutboxAttachmentSource
    {
        public string Kind => kind;

        public Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct) =>
            throw new IOException("certificate store unreachable");
    }

    private sealed class FixedFile(string kind, string name, byte[] content) : IOutboxAttachmentSource
    {
        public string Kind => kind;

        public Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct) =>
            Task.FromResult<EmailAttachment?>(new EmailAttachment(name, "application/pdf", content));
    }

    private async Task<DispatchOutcome> DispatchAsync(int? port = null, string instance = "it-dispatcher", int batch = 1000, IReadOnlyList<IOutboxAttachmentSource>? sources = null)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port ?? Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo — Capacitação", TimeoutSeconds = 10 };
        var settings = new DispatchSettings(MaxAttempts: 8, BatchSize: batch, LeaseSeconds: 300, PublicUrl: "https://traininghub.test", MessageIdDomain: "traininghub.test",
            Unsubscribe: App.Services.GetRequiredService<IUnsubscribeTokens>(), AttachmentSources: sources);
        return await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, instance, CancellationToken.None);
    }

    private async Task EnrolAsync(int offeringId, int personId)
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var response = await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private Task<bool> SetPersonAsync(int personId, string name, string language) => App.WithDbAsync(async db =>
        await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FullName, name).SetProperty(p => p.PreferredLanguage, language)) == 1);

    private Task<string> EmailOfAsync(int personId) => App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync());

    private Task<List<OutboxMessage>> RowsAsync(IReadOnlyCollection<int> people) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value)).ToListAsync());

    private async Task<List<OutboxStatus>> StatusesAsync(IReadOnlyCollection<int> people) => (await RowsAsync(people)).Select(r => r.Status).ToList();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

}
