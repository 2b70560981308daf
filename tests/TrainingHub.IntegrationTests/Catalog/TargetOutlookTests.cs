using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Notifications.Messages;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

/// <summary>
/// The yearly target as a commitment: hours credited this year plus the sessions still to come where the person holds
/// a seat (a confirmed date in a series registered by date), against the programme's target; who will miss it, per
/// person and per organisation, in the programme-owner scope with the one CPF rule.
/// </summary>
public sealed class TargetOutlookTests(string provider) : CatalogFixture(provider)
{
    private sealed record Arranged(int Programme, int Owner, int Other, Dictionary<string, int> People);

    /// <summary>
    /// A programme with a 5-hour target owned by a state agency: a class with three held hours (one of them only for
    /// "met"), three hours still to come and a cancelled session; a series registered by date with two dates to come.
    /// "met" was credited 5 h; "ontrack" and "outsider" (another organisation) 2 h, with a seat for the 3 h to come;
    /// "member" only belongs to the programme; "bydate" has one confirmed date of two (the other waitlisted).
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var owner = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var other = await AnyOrganizationAsync(OrganizationKind.StateAgency, skip: 1);
        var code = NewCode("META");
        return await App.WithDbAsync(async db =>
        {
            var programme = new Programme { Code = code, Name = "Programa " + code, OwnerOrganizationId = owner, TargetMinutes = 300, CreatedAt = now };
            var course = new Course { Code = code, Title = "Curso " + code, Programme = programme, WorkloadMinutes = 300 };
            var klass = new CourseClass
            {
                Code = code,
                Title = "Turma " + code,
                Course = course,
                Programme = programme,
                Status = OfferingStatus.Published,
                CreatedAt = now,
                StartsOn = DateOnly.FromDateTime(SaoPaulo.ToLocal(now.AddHours(-3))),
                EndsOn = DateOnly.FromDateTime(SaoPaulo.ToLocal(now.AddHours(4))),
            };
            var held = new Session { Title = "Encontro 1", StartsAt = now.AddHours(-3), EndsAt = now.AddHours(-1), CreditedMinutes = 120, Status = SessionStatus.Closed };
            var ahead = new Session { Title = "Encontro 2", StartsAt = now.AddMinutes(10), EndsAt = now.AddMinutes(70), CreditedMinutes = 60 };
            var cancelled = new Session { Title = "Encontro cancelado", StartsAt = now.AddMinutes(20), EndsAt = now.AddMinutes(80), CreditedMinutes = 600, Status = SessionStatus.Cancelled };
            var later = new Session { Title = "Encontro 3", StartsAt = now.AddMinutes(90), EndsAt = now.AddMinutes(210), CreditedMinutes = 120 };
            klass.Sessions.Add(held);
            klass.Sessions.Add(ahead);
            klass.Sessions.Add(cancelled);
            klass.Sessions.Add(later);
            var series = new WebinarSeries
            {
                Code = code + "-W",
                Title = "Websérie " + code,
                Programme = programme,
                Status = OfferingStatus.Published,
                CreatedAt = now,
                RegistrationByDate = true,
                StartsOn = klass.StartsOn,
                EndsOn = klass.EndsOn,
                ChannelUrl = "https://video.example.gov.br/canal",
            };
            var first = new Session { Title = "Webinar 1", StartsAt = now.AddMinutes(30), EndsAt = now.AddMinutes(90), CreditedMinutes = 60 };
            var second = new Session { Title = "Webinar 2", StartsAt = now.AddMinutes(100), EndsAt = now.AddMinutes(160), CreditedMinutes = 60 };
            series.Sessions.Add(first);
            series.Sessions.Add(second);
            db.Offerings.AddRange(klass, series);

            var people = new Dictionary<string, Person>();
            foreach (var (key, org) in new[] { ("met", owner), ("ontrack", owner), ("member", owner), ("bydate", owner), ("outsider", other) })
            {
                people[key] = new Person { Cpf = Data.NewCpf(), FullName = $"Meta {key} {code}", Email = $"{key}.{Guid.NewGuid():N}@example.gov.br", OrganizationId = org, CreatedAt = now };
            }

            db.People.AddRange(people.Values);
            await db.SaveChangesAsync();
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, PersonId = people["member"].Id, JoinedAt = now });
            foreach (var key in new[] { "met", "ontrack", "outsider" })
            {
                db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment { OfferingId = klass.Id, PersonId = people[key].Id, Status = EnrolmentStatus.Confirmed, RequestedAt = now, ConfirmedAt = now });
                db.AttendanceRecords.Add(new AttendanceRecord { SessionId = held.Id, PersonId = people[key].Id, Status = AttendanceStatus.Present, RecordedAt = now });
            }

            // "met" also had three more hours credited earlier this year, in another session of the class (moved back).
            var earlier = new Session { Title = "Encontro 0", OfferingId = klass.Id, StartsAt = now.AddHours(-6), EndsAt = now.AddHours(-3), CreditedMinutes = 180, Status = SessionStatus.Closed };
            db.Sessions.Add(earlier);
            var byDate = new TrainingHub.Core.Enrolment.Enrolment { OfferingId = series.Id, PersonId = people["bydate"].Id, Status = EnrolmentStatus.Confirmed, RequestedAt = now, ConfirmedAt = now };
            db.Enrolments.Add(byDate);
            await db.SaveChangesAsync();
            db.AttendanceRecords.Add(new AttendanceRecord { SessionId = earlier.Id, PersonId = people["met"].Id, Status = AttendanceStatus.Present, RecordedAt = now });
            db.SessionRegistrations.Add(new SessionRegistration { SessionId = first.Id, EnrolmentId = byDate.Id, PersonId = people["bydate"].Id, Status = SessionRegistrationStatus.Confirmed, RegisteredAt = now });
            db.SessionRegistrations.Add(new SessionRegistration { SessionId = second.Id, EnrolmentId = byDate.Id, PersonId = people["bydate"].Id, Status = SessionRegistrationStatus.Waitlisted, WaitlistPosition = 1, RegisteredAt = now });
            await db.SaveChangesAsync();
            return new Arranged(programme.Id, owner, other, people.ToDictionary(p => p.Key, p => p.Value.Id));
        });
    }

    private Task<Result<TargetOutlookModel>> OutlookAsync(ReaderScope scope, int programme, TargetOutlookFilter? filter = null) =>
        App.WithDbAsync(db => GetTargetOutlook.HandleAsync(db, scope, App.Clock, programme, filter ?? new TargetOutlookFilter(PageSize: 100), CancellationToken.None));

    private static ReaderScope Reader(string role, (int Id, string Path)? org) => new("outlook-" + role, null, new HashSet<string> { role }, org?.Id, org?.Path);

    [Test]
    public async Task Each_person_is_met_on_track_or_will_miss_from_credited_hours_and_the_seats_they_hold_in_sessions_to_come()
    {
        var a = await ArrangeAsync();
        var result = await OutlookAsync(Reader(Roles.Administrator, null), a.Programme);
        result.Succeeded.ShouldBeTrue();
        var o = result.Value!;
        var rows = o.People.Items.ToDictionary(r => a.People.Single(p => p.Value == r.PersonId).Key);
        rows.Count.ShouldBe(5, "members and everyone seated in the programme's offerings");

        // met: 2 h + 3 h credited = the 5-hour target.
        rows["met"].ShouldSatisfyAllConditions(r => r.CreditedMinutes.ShouldBe(300), r => r.Status.ShouldBe(TargetStatus.Met));
        // ontrack: 2 h credited, 3 h of class sessions to come (the cancelled one does not count).
        rows["ontrack"].ShouldSatisfyAllConditions(r => r.CreditedMinutes.ShouldBe(120), r => r.BookedMinutes.ShouldBe(180), r => r.Status.ShouldBe(TargetStatus.OnTrack));
        // member: nothing credited, no seat.
        rows["member"].ShouldSatisfyAllConditions(r => r.CreditedMinutes.ShouldBe(0), r => r.BookedMinutes.ShouldBe(0), r => r.Status.ShouldBe(TargetStatus.WillMiss),
            r => r.ShortfallMinutes(o.TargetMinutes).ShouldBe(300));
        // bydate: only the confirmed date counts, not the waitlisted one.
        rows["bydate"].ShouldSatisfyAllConditions(r => r.BookedMinutes.ShouldBe(60), r => r.Status.ShouldBe(TargetStatus.WillMiss), r => r.ShortfallMinutes(o.TargetMinutes).ShouldBe(240));
        (o.Met, o.OnTrack, o.WillMiss).ShouldBe((1, 2, 2));
        o.TargetMinutes.ShouldBe(300);
        o.People.Items[0].Status.ShouldBe(TargetStatus.WillMiss, "those who will miss come first");
        o.People.Items[0].PersonId.ShouldBe(a.People["member"], "the furthest behind first");

        // Per organisation: the owner's four people, the other organisation's one.
        var owner = o.ByOrganization.Single(g => g.OrganizationId == a.Owner);
        (owner.People, owner.Met, owner.OnTrack, owner.WillMiss).ShouldBe((4, 1, 1, 2));
        o.ByOrganization.Single(g => g.OrganizationId == a.Other).OnTrack.ShouldBe(1);

        // The hours page of the person says the same credited hours (one rule).
        var hours = await App.WithDbAsync(db => GetPersonHours.HandleAsync(db, Reader(Roles.Administrator, null), App.Clock, a.People["met"], CancellationToken.None));
        hours.Value!.Targets.Single(t => t.ProgrammeId == a.Programme).CreditedMinutes.ShouldBe(300);
    }

    [Test]
    public async Task The_list_filters_by_status_person_and_organisation_and_pages()
    {
        var a = await ArrangeAsync();
        var root = Reader(Roles.Administrator, null);
        var willMiss = (await OutlookAsync(root, a.Programme, new TargetOutlookFilter(TargetStatus.WillMiss))).Value!;
        willMiss.People.Items.Select(r => r.PersonId).ShouldBe([a.People["member"], a.People["bydate"]]);
        willMiss.WillMiss.ShouldBe(2, "the counts stay those of the whole programme");
        willMiss.Met.ShouldBe(1);

        var cpf = await App.WithDbAsync(db => db.People.Where(p => p.Id == a.People["ontrack"]).Select(p => p.Cpf).SingleAsync());
        (await OutlookAsync(root, a.Programme, new TargetOutlookFilter(Search: Cpf.Format(cpf)))).Value!.People.Items.Single().PersonId.ShouldBe(a.People["ontrack"]);
        (await OutlookAsync(root, a.Programme, new TargetOutlookFilter(Search: "meta bydate"))).Value!.People.Items.Single().PersonId.ShouldBe(a.People["bydate"]);
        (await OutlookAsync(root, a.Programme, new TargetOutlookFilter(OrganizationId: a.Other))).Value!.People.Items.Single().PersonId.ShouldBe(a.People["outsider"]);

        var page2 = (await OutlookAsync(root, a.Programme, new TargetOutlookFilter(Page: 2, PageSize: 2))).Value!.People;
        (page2.TotalCount, page2.Items.Count, page2.PageNumber).ShouldBe((5, 2, 2));
    }

    [Test]
    public async Task The_owners_scoped_administrator_sees_everyone_with_cpfs_full_only_inside_their_scope_and_others_see_nothing()
    {
        var a = await ArrangeAsync();
        var owner = await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == a.Owner).Select(o => new { o.Id, o.Path }).SingleAsync());
        var other = await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == a.Other).Select(o => new { o.Id, o.Path }).SingleAsync());

        var admin = (await OutlookAsync(Reader(Roles.Administrator, (owner.Id, owner.Path)), a.Programme)).Value!;
        admin.People.TotalCount.ShouldBe(5, "the programme-owner scope: participants from any organisation");
        admin.People.Items.Single(r => r.PersonId == a.People["outsider"]).Cpf.ShouldStartWith("***");
        admin.People.Items.Single(r => r.PersonId == a.People["member"]).Cpf.ShouldNotStartWith("***");

        var auditor = (await OutlookAsync(Reader(Roles.Auditor, (owner.Id, owner.Path)), a.Programme)).Value!;
        auditor.People.Items.ShouldAllBe(r => r.Cpf.StartsWith("***", StringComparison.Ordinal), "never full to auditors");

        var elsewhere = await OutlookAsync(Reader(Roles.Administrator, (other.Id, other.Path)), a.Programme);
        elsewhere.Error!.Kind.ShouldBe(ErrorKind.NotFound, "a programme owned outside the scope is not there");
    }

    [Test]
    public async Task The_page_and_the_api_show_it_in_both_languages_and_a_programme_without_a_target_says_how_to_set_one()
    {
        var a = await ArrangeAsync();
        using var api = await AdminApiAsync();
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{a.Programme}/target-outlook?status=WillMiss");
        json.GetProperty("willMiss").GetInt32().ShouldBe(2);
        json.GetProperty("people").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ShouldAllBe(s => s == "WillMiss");

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (status, page) = await browser.GetPageAsync($"/programmes/{a.Programme}/targets?culture=en");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=count-WillMiss]")!.TextContent.ShouldContain("Will miss the target");
        page.QuerySelectorAll("[data-testid=targets] tbody tr").Length.ShouldBe(5);
        page.QuerySelector("[data-testid=targets-intro]")!.TextContent.ShouldContain("Target: 5h in");
        (_, page) = await browser.GetPageAsync($"/programmes/{a.Programme}/targets?culture=pt-BR&status=Met");
        page.QuerySelector("[data-testid=count-WillMiss]")!.TextContent.ShouldContain("Não vai atingir a meta");
        page.QuerySelectorAll("[data-testid=targets] tbody tr").Length.ShouldBe(1);
        (_, page) = await browser.GetPageAsync($"/programmes/{a.Programme}?culture=en");
        page.QuerySelector("[data-testid=targets-link]")!.GetAttribute("href").ShouldBe($"/programmes/{a.Programme}/targets");

        // Without a target: the API names the field, the page goes back to the programme.
        await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == a.Programme).ExecuteUpdateAsync(u => u.SetProperty(p => p.TargetMinutes, (int?)null)));
        using var refused = await api.GetAsync(new Uri($"/api/v1/programmes/{a.Programme}/target-outlook?culture=en", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("has no yearly target");
        using var back = await browser.Client.GetAsync(new Uri($"/programmes/{a.Programme}/targets", UriKind.Relative));
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.ToString().ShouldBe($"/programmes/{a.Programme}");
        using var unknown = await api.GetAsync(new Uri("/api/v1/programmes/987654321/target-outlook", UriKind.Relative));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Managers_and_the_owners_administrators_hear_once_a_month_about_who_will_miss_the_target()
    {
        var a = await ArrangeAsync();
        var manager = a.People["ontrack"];
        await App.WithDbAsync(db => db.People.Where(p => p.Id == a.People["member"] || p.Id == a.People["bydate"] || p.Id == a.People["met"])
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ManagerId, manager)));
        var adminEmail = await NewAccountAsync(Roles.Administrator, a.Owner);
        var adminId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == adminEmail).Select(u => u.Id).SingleAsync());

        (await App.WithDbAsync(db => QueueTargetDigests.HandleAsync(db, App.Clock, "https://traininghub.test", CancellationToken.None))).ShouldBeGreaterThanOrEqualTo(2);
        (await App.WithDbAsync(db => QueueTargetDigests.HandleAsync(db, App.Clock, "https://traininghub.test", CancellationToken.None))).ShouldBe(0, "once a month");

        var today = SaoPaulo.Today(App.Clock);
        var month = $"{today.Year:D4}-{today.Month:D2}";
        var team = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == $"team-target:{month}:{manager}").SingleAsync());
        var teamDigest = (TeamTargetDigest)EmailMessages.Read(team.MessageType, team.PayloadJson)!;
        teamDigest.People.Select(p => p.Person).Order(StringComparer.Ordinal).ShouldBe(
            await App.WithDbAsync(db => db.People.Where(p => p.Id == a.People["member"] || p.Id == a.People["bydate"]).Select(p => p.FullName).ToListAsync()),
            ignoreOrder: true, "the two who will miss; not the one who met it");
        teamDigest.People.Single(p => p.Person.Contains("bydate", StringComparison.Ordinal)).BookedMinutes.ShouldBe(60);
        var rendered = await EmailRenderer.Shared.RenderAsync(teamDigest, "en", null);
        rendered.Subject.ShouldBe("2 people you manage will miss a training target");
        rendered.Text.ShouldContain(": 0h of 5h, with 1h booked");

        var owner = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == $"programme-target:{month}:{a.Programme}:{adminId}").SingleAsync());
        owner.ToAddress.ShouldBe(adminEmail);
        var ownerDigest = (ProgrammeTargetDigest)EmailMessages.Read(owner.MessageType, owner.PayloadJson)!;
        (ownerDigest.WillMiss, ownerDigest.People).ShouldBe((2, 5));
        ownerDigest.OutlookUrl.ShouldBe($"https://traininghub.test/programmes/{a.Programme}/targets?status=WillMiss");
        var pt = await EmailRenderer.Shared.RenderAsync(ownerDigest, "pt-BR", null);
        pt.Subject.ShouldEndWith(": 2 pessoas não vão atingir a meta");
        pt.Text.ShouldContain("não vão atingir: 2 de 4");
    }
}
