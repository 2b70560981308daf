using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.Core.Reports;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Reports;

namespace TrainingHub.IntegrationTests.Catalog;

/// <summary>
/// Programme-owner scope: an administrator or auditor whose scope holds a programme's owner sees and runs its
/// enrolments, approvals, rosters, certificates and reports for participants of any organisation; CPFs are full only
/// to administrators whose scope holds the person. Reader scope × participant's organisation × programme owner.
/// </summary>
public sealed class ProgrammeOwnerScopeTests(string provider) : CatalogFixture(provider)
{
    private const string SeplagAuditor = "auditor.seplag@demo.traininghub.local";

    private sealed record Org(int Id, string Path);

    private Task<Org> OrgAsync(string acronym) =>
        App.WithDbAsync(db => db.Organizations.Where(o => o.Acronym == acronym).Select(o => new Org(o.Id, o.Path)).SingleAsync());

    private static ReaderScope Reader(string role, Org? org) =>
        new("matrix-" + role, null, new HashSet<string> { role }, org?.Id, org?.Path);

    private async Task<T> RunAsync<T>(Func<TrainingHubDbContext, Task<T>> work) => await App.WithDbAsync(work);

    /// <summary>The issue's figures on the demo data: the planning secretariat owns the strategy network; its units are outside its scope.</summary>
    [Test]
    public async Task The_planning_secretariat_runs_and_reports_the_strategy_network_with_participants_from_other_organisations_and_no_full_cpf_outside_its_scope()
    {
        var seplag = await OrgAsync("Seplag-MG");
        var root = Reader(Roles.Administrator, null);
        var admin = Reader(Roles.Administrator, seplag);
        var programme = await RunAsync(db => db.Programmes.Where(p => p.Code == "REDE-ESTRATEGIA").Select(p => p.Id).SingleAsync());
        var busiest = await RunAsync(db => db.Enrolments.Where(e => e.Offering!.ProgrammeId == programme && e.Offering is CourseClass)
            .GroupBy(e => e.OfferingId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync());

        var all = await RunAsync(db => ListOfferingEnrolments.HandleAsync(db, root, busiest, null, 1, CancellationToken.None));
        var mine = await RunAsync(db => ListOfferingEnrolments.HandleAsync(db, admin, busiest, null, 1, CancellationToken.None));
        all!.Page.TotalCount.ShouldBeGreaterThan(0);
        mine!.Page.TotalCount.ShouldBe(all.Page.TotalCount);
        mine.Page.Items.ShouldAllBe(r => r.Cpf.StartsWith("***", StringComparison.Ordinal));

        var pendingAll = await RunAsync(db => ListPendingApprovals.Query(db, root).CountAsync(e => e.Offering!.ProgrammeId == programme));
        var pendingMine = await RunAsync(db => ListPendingApprovals.Query(db, admin).CountAsync(e => e.Offering!.ProgrammeId == programme));
        pendingAll.ShouldBeGreaterThan(0);
        pendingMine.ShouldBe(pendingAll);

        var session = await RunAsync(db => db.Sessions.Where(s => s.OfferingId == busiest).OrderBy(s => s.StartsAt).Select(s => s.Id).FirstAsync());
        var roster = await RunAsync(db => GetRoster.HandleAsync(db, admin, session, CancellationToken.None));
        roster.ShouldNotBeNull();
        roster.Rows.Count.ShouldBe((await RunAsync(db => GetRoster.HandleAsync(db, root, session, CancellationToken.None)))!.Rows.Count);
        roster.Rows.ShouldAllBe(r => r.Cpf.StartsWith("***", StringComparison.Ordinal));

        var certificates = await RunAsync(db => ListClassCertificates.HandleAsync(db, admin, busiest, null, 1, 200, CancellationToken.None));
        certificates.Succeeded.ShouldBeTrue();
        certificates.Value!.Rows.Items.ShouldAllBe(r => r.Cpf.StartsWith("***", StringComparison.Ordinal));

        // The secretariat's auditor, through the API: the programme's hours in full, CPFs masked.
        using var api = await App.ApiClientAsync(SeplagAuditor);
        var query = $"programmeId={programme}&from=2020-01-01&to=2029-12-31&culture=en";
        var expected = await RunAsync(db => CreditedAttendance.Query(db).Where(c => db.Offerings.Any(o => o.Id == c.OfferingId && o.ProgrammeId == programme))
            .SumAsync(c => c.CreditedMinutes));
        expected.ShouldBeGreaterThan(0);
        var csv = ReportFiles.ParseCsv(await (await api.PostAsync(new Uri($"/api/v1/reports/HoursByPerson/export-full-cpf.csv?{query}", UriKind.Relative), null)).Content.ReadAsByteArrayAsync());
        csv[^1][3].ShouldBe(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        csv.Skip(1).SkipLast(1).ShouldAllBe(l => l[1].StartsWith("***", StringComparison.Ordinal));
        TestContext.Out.WriteLine($"{ProviderName}: class {busiest}: {mine.Page.TotalCount} of {all.Page.TotalCount} enrolments; pending {pendingMine} of {pendingAll}; " +
            $"roster {roster.Rows.Count}; auditor's programme minutes {csv[^1][3]} of {expected}");
    }

    private sealed record Arranged(int Programme, int Class, int Session, Dictionary<string, int> People);

    /// <summary>A programme owned by <paramref name="owner"/>: one class, one held session, and per organisation one completed participant (with a certificate) and one awaiting approval.</summary>
    private async Task<Arranged> ArrangeAsync(Org owner, params (string Key, Org Org)[] orgs)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var code = NewCode("OWN");
        var arranged = await App.WithDbAsync(async db =>
        {
            var programme = new Programme { Code = code, Name = "Programa " + code, OwnerOrganizationId = owner.Id, TargetMinutes = 600, CreatedAt = now };
            var course = new Course { Code = code, Title = "Curso " + code, Programme = programme, WorkloadMinutes = 180 };
            var klass = new CourseClass
            {
                Code = code,
                Title = "Turma " + code,
                Course = course,
                Programme = programme,
                StartsOn = DateOnly.FromDateTime(now.AddDays(-20)),
                EndsOn = DateOnly.FromDateTime(now.AddDays(-9)), // finished: certificates are issued once a class has ended
                Status = OfferingStatus.Published,
                CreatedAt = now,
            };
            var session = new Session { Title = "Encontro 1", StartsAt = now.AddDays(-10), EndsAt = now.AddDays(-10).AddHours(3), CreditedMinutes = 180, Status = SessionStatus.Closed };
            klass.Sessions.Add(session);
            db.Offerings.Add(klass);
            var people = new Dictionary<string, Person>();
            foreach (var (key, org) in orgs)
            {
                foreach (var suffix in new[] { "", ".pending" })
                {
                    var person = new Person
                    {
                        Cpf = Data.NewCpf(),
                        FullName = $"Participante {key}{suffix} {code}",
                        Email = $"{key}{suffix}.{Guid.NewGuid():N}@example.gov.br",
                        OrganizationId = org.Id,
                        CreatedAt = now,
                    };
                    people[key + suffix] = person;
                    db.People.Add(person);
                    db.Enrolments.Add(new Core.Enrolment.Enrolment
                    {
                        Offering = klass,
                        Person = person,
                        RequestedAt = now.AddDays(-30),
                        Status = suffix == "" ? EnrolmentStatus.Completed : EnrolmentStatus.AwaitingApproval,
                        ConfirmedAt = suffix == "" ? now.AddDays(-29) : null,
                        CompletedAt = suffix == "" ? now.AddDays(-9) : null,
                    });
                    if (suffix == "")
                    {
                        db.AttendanceRecords.Add(new AttendanceRecord { Session = session, Person = person, Status = AttendanceStatus.Present, Minutes = 180, Source = AttendanceSource.Roster, RecordedAt = now.AddDays(-10) });
                    }
                }
            }

            await db.SaveChangesAsync();
            return new Arranged(programme.Id, klass.Id, session.Id, people.ToDictionary(p => p.Key, p => p.Value.Id));
        });
        await App.WithDbAsync(db => IssueCertificates.HandleAsync(db, App.Clock, App.Services.GetRequiredService<IssueSettings>(), arranged.Class, CancellationToken.None));
        return arranged;
    }

    [Test]
    public async Task Every_list_and_report_shows_what_each_reader_may_see_and_masks_what_they_may_not()
    {
        var seplag = await OrgAsync("Seplag-MG");
        var unit = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.StateAgency && o.ParentId != null && !o.Path.StartsWith(seplag.Path))
            .OrderBy(o => o.Id).Select(o => new Org(o.Id, o.Path)).FirstAsync());
        var cityHall = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall).OrderBy(o => o.Id).Select(o => new Org(o.Id, o.Path)).FirstAsync());
        var participants = new[] { ("seplag", seplag), ("unit", unit) };

        var readers = new (string Name, ReaderScope Scope)[]
        {
            ("root admin", Reader(Roles.Administrator, null)),
            ("root auditor", Reader(Roles.Auditor, null)),
            ("seplag admin", Reader(Roles.Administrator, seplag)),
            ("seplag auditor", Reader(Roles.Auditor, seplag)),
            ("unit admin", Reader(Roles.Administrator, unit)),
            ("city-hall admin", Reader(Roles.Administrator, cityHall)),
        };

        foreach (var owner in new[] { seplag, unit })
        {
            var a = await ArrangeAsync(owner, participants);
            foreach (var (name, scope) in readers)
            {
                var ownsProgramme = scope.OrganizationPath is not { } rp || owner.Path.StartsWith(rp, StringComparison.Ordinal);
                foreach (var (key, org) in participants)
                {
                    var label = $"{name} / participant of {key} / programme of {(owner == seplag ? "seplag" : "unit")}";
                    var holdsPerson = scope.OrganizationPath is not { } sp || org.Path.StartsWith(sp, StringComparison.Ordinal);
                    var sees = ownsProgramme || holdsPerson;
                    var person = a.People[key];
                    var who = await App.WithDbAsync(db => db.People.Where(p => p.Id == person).Select(p => new { p.Cpf, p.FullName }).SingleAsync());
                    var fullName = who.FullName;
                    var shown = scope.IsAdministrator && holdsPerson ? Cpf.Format(who.Cpf) : Cpf.Mask(who.Cpf);

                    // Enrolments of the class.
                    var enrolments = await RunAsync(db => ListOfferingEnrolments.HandleAsync(db, scope, a.Class, null, 1, CancellationToken.None));
                    var row = enrolments!.Page.Items.SingleOrDefault(r => r.PersonId == person);
                    (row is not null).ShouldBe(sees, label + ": enrolments");
                    row?.Cpf.ShouldBe(shown, label + ": enrolments CPF");

                    // Approvals.
                    var pending = a.People[key + ".pending"];
                    var approvals = await RunAsync(db => ListPendingApprovals.Query(db, scope).Select(e => e.PersonId).ToListAsync());
                    approvals.Contains(pending).ShouldBe(sees && scope.IsAdministrator, label + ": approvals");

                    // Roster (administrators who run the programme) and class certificates.
                    var roster = await RunAsync(db => GetRoster.HandleAsync(db, scope, a.Session, CancellationToken.None));
                    (roster is not null).ShouldBe(scope.IsAdministrator && ownsProgramme, label + ": roster");
                    roster?.Rows.Single(r => r.PersonId == person).Cpf.ShouldBe(shown, label + ": roster CPF");
                    var certificates = await RunAsync(db => ListClassCertificates.HandleAsync(db, scope, a.Class, null, 1, 50, CancellationToken.None));
                    certificates.Succeeded.ShouldBe(scope.IsAdministrator && ownsProgramme, label + ": certificates");
                    if (certificates.Succeeded)
                    {
                        var c = certificates.Value!.Rows.Items.Single(r => r.PersonId == person);
                        c.Cpf.ShouldBe(shown, label + ": certificates CPF");
                        c.CertificateId.ShouldNotBeNull(label);
                    }

                    // Reports, full CPFs asked for.
                    var rows = await ReportRowsAsync(scope, new ReportRequest(ReportKind.AttendanceRows, ProgrammeId: a.Programme, FullCpf: true));
                    var line = rows.SingleOrDefault(r => (string)r[1]! == fullName);
                    (line is not null).ShouldBe(sees, label + ": attendance rows");
                    line?[2].ShouldBe(shown, label + ": attendance rows CPF");
                    var byPerson = await ReportRowsAsync(scope, new ReportRequest(ReportKind.HoursByPerson, ProgrammeId: a.Programme, FullCpf: true));
                    var personLine = byPerson.SingleOrDefault(r => (string)r[0]! == fullName);
                    (personLine is not null).ShouldBe(sees, label + ": hours by person");
                    personLine?[1].ShouldBe(shown, label + ": hours by person CPF");
                    var targets = await ReportRowsAsync(scope, new ReportRequest(ReportKind.Targets, ProgrammeId: a.Programme, FullCpf: true));
                    var targetLine = targets.SingleOrDefault(r => (string)r[0]! == fullName);
                    (targetLine is not null).ShouldBe(sees, label + ": targets");
                    targetLine?[1].ShouldBe(shown, label + ": targets CPF");

                    // The person's own page (hours) stays with their organisation's scope.
                    var hours = await RunAsync(db => GetPersonHours.HandleAsync(db, scope, App.Clock, person, CancellationToken.None));
                    hours.Succeeded.ShouldBe(scope.IsAdministrator && holdsPerson, label + ": person's hours");
                }

                // Totals a reader sees: hours by programme and certificates of the programme.
                var expectedMinutes = participants.Count(p => ownsProgramme || scope.OrganizationPath is not { } sp2 || p.Item2.Path.StartsWith(sp2, StringComparison.Ordinal)) * 180;
                var byProgramme = await RunAsync(db => BuildReport.HandleAsync(db, scope, App.Clock, new ReportRequest(ReportKind.HoursByProgramme, ProgrammeId: a.Programme), CancellationToken.None));
                byProgramme.Value!.Totals![2].ShouldBe(expectedMinutes, $"{name}: hours by programme");
                var certificateReport = await RunAsync(db => BuildReport.HandleAsync(db, scope, App.Clock, new ReportRequest(ReportKind.Certificates, ProgrammeId: a.Programme), CancellationToken.None));
                certificateReport.Value!.Totals![2].ShouldBe(expectedMinutes / 180, $"{name}: certificates report");
            }
        }
    }

    private async Task<List<object?[]>> ReportRowsAsync(ReaderScope scope, ReportRequest request) => await RunAsync(async db =>
    {
        var result = await BuildReport.HandleAsync(db, scope, App.Clock, request, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(request.Kind.ToString());
        return await result.Value!.Rows(0, null).ToListAsync();
    });

    [Test]
    public async Task A_city_hall_administrator_cannot_enrol_their_staff_in_an_offering_they_cannot_see()
    {
        var cityHall = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        using var root = await AdminApiAsync();
        var foreignClass = await Arrange.ClassAsync(App, seats: null);
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == foreignClass).Select(o => o.Programme!.OwnerOrganization!.Kind).SingleAsync())).ShouldNotBe(OrganizationKind.CityHall);
        var staff = (await Arrange.PeopleAsync(App, 1, cityHall))[0];
        var email = await NewAccountAsync(Roles.Administrator, cityHall);
        using var api = await ApiAsync(email);
        (await api.GetAsync(new Uri($"/api/v1/offerings/{foreignClass}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var refused = await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = foreignClass, personId = staff });
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, await refused.Content.ReadAsStringAsync());
        (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == foreignClass && e.PersonId == staff))).ShouldBe(0);

        var allowed = await root.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = foreignClass, personId = staff });
        allowed.IsSuccessStatusCode.ShouldBeTrue(await allowed.Content.ReadAsStringAsync());
    }
}
