using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Catalog;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Members;

/// <summary>
/// A programme's members through the API: the programme-owner scope adds, finds, filters and removes people of any
/// organisation (audited, CPF by the one rule), imports a CPF list all or nothing with line errors, and invites the
/// members without an account once, even on a double click.
/// </summary>
public sealed class MembersTests(string provider) : CatalogFixture(provider)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<Person> PersonAsync(int organizationId, string name) =>
        App.WithDbAsync(async db =>
        {
            var person = new Person
            {
                Cpf = Data.NewCpf(),
                FullName = name,
                Email = $"membro.{Guid.NewGuid():N}@example.gov.br",
                OrganizationId = organizationId,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person;
        });

    /// <summary>A programme owned by a state agency, and a city hall outside that agency's scope.</summary>
    private async Task<(int Programme, int Owner, int CityHall, string CityHallIbge)> ProgrammeAsync()
    {
        using var root = await AdminApiAsync();
        var owner = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var (programme, _, _) = await NewClassAsync(root, owner);
        var ownerPath = await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == owner).Select(o => o.Path).SingleAsync());
        var cityHall = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall && o.IbgeCode != null && !o.Path.StartsWith(ownerPath))
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.IbgeCode }).FirstAsync());
        return (programme, owner, cityHall.Id, cityHall.IbgeCode!);
    }

    [Test]
    public async Task The_owners_administrator_adds_finds_filters_and_removes_members_of_any_organisation_audited()
    {
        var (programme, owner, cityHall, _) = await ProgrammeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var outsider = await PersonAsync(cityHall, $"Zélia Membro {tag}");
        var insider = await PersonAsync(owner, $"Abel Membro {tag}");
        using var admin = await ApiAsync(await NewAccountAsync(Roles.Administrator, owner));
        var url = $"/api/v1/programmes/{programme}/members";

        // The picker finds people of any organisation by name (accents and case ignored) or whole CPF, masked outside the scope.
        var found = await JsonAsync(await admin.GetAsync(new Uri($"{url}/candidates?search=zelia membro {tag}", UriKind.Relative)), HttpStatusCode.OK);
        found.EnumerateArray().Select(c => c.GetProperty("personId").GetInt32()).ShouldBe([outsider.Id]);
        found[0].GetProperty("cpf").GetString().ShouldBe(Cpf.Mask(outsider.Cpf));
        (await JsonAsync(await admin.GetAsync(new Uri($"{url}/candidates?search={Cpf.Format(insider.Cpf)}", UriKind.Relative)), HttpStatusCode.OK))[0]
            .GetProperty("cpf").GetString().ShouldBe(Cpf.Format(insider.Cpf));
        (await JsonAsync(await admin.GetAsync(new Uri($"{url}/candidates?search=ab", UriKind.Relative)), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0, "fewer than three letters");

        (await CreatedIdAsync(await admin.PostAsJsonAsync(url, new { personId = outsider.Id }))).ShouldBe(outsider.Id);
        await JsonAsync(await admin.PostAsJsonAsync(url, new { personId = outsider.Id }), HttpStatusCode.Conflict);
        (await CreatedIdAsync(await admin.PostAsJsonAsync(url, new { cpf = Cpf.Format(insider.Cpf) }))).ShouldBe(insider.Id);
        (await JsonAsync(await admin.PostAsJsonAsync(url, new { cpf = "123.456.789-00" }), HttpStatusCode.BadRequest)).GetRawText().ShouldContain("cpf", Case.Insensitive);
        await JsonAsync(await admin.PostAsJsonAsync(url, new { personId = int.MaxValue }), HttpStatusCode.BadRequest);
        (await JsonAsync(await admin.GetAsync(new Uri($"{url}/candidates?search=membro {tag}", UriKind.Relative)), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0, "members are not offered again");

        var list = await JsonAsync(await admin.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.OK);
        list.GetProperty("members").GetInt32().ShouldBe(2);
        list.GetProperty("withoutAccount").GetInt32().ShouldBe(2);
        var rows = list.GetProperty("page").GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("personId").GetInt32(), r => r.GetProperty("cpf").GetString());
        rows[outsider.Id].ShouldBe(Cpf.Mask(outsider.Cpf), "outside the administrator's organisation scope");
        rows[insider.Id].ShouldBe(Cpf.Format(insider.Cpf));
        var cityName = await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == cityHall).Select(o => o.Name).SingleAsync());
        (await JsonAsync(await admin.GetAsync(new Uri($"{url}?organization={Uri.EscapeDataString(cityName)}", UriKind.Relative)), HttpStatusCode.OK))
            .GetProperty("page").GetProperty("items").EnumerateArray().Select(r => r.GetProperty("personId").GetInt32()).ShouldBe([outsider.Id]);
        (await JsonAsync(await admin.GetAsync(new Uri($"{url}?organizationId={owner}&search=abel", UriKind.Relative)), HttpStatusCode.OK))
            .GetProperty("page").GetProperty("totalCount").GetInt32().ShouldBe(1);

        // The city hall's administrator does not see the programme; the owner's auditor reads it, masked, and changes nothing.
        using var cityAdmin = await ApiAsync(await NewAccountAsync(Roles.Administrator, cityHall));
        (await cityAdmin.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cityAdmin.PostAsJsonAsync(url, new { personId = outsider.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cityAdmin.DeleteAsync(new Uri($"{url}/{outsider.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var auditor = await ApiAsync(await NewAccountAsync(Roles.Auditor, owner));
        var seen = await JsonAsync(await auditor.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.OK);
        seen.GetProperty("page").GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("cpf").GetString()!.StartsWith("***", StringComparison.Ordinal));
        (await auditor.PostAsJsonAsync(url, new { personId = insider.Id })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await JsonAsync(await admin.DeleteAsync(new Uri($"{url}/{outsider.Id}", UriKind.Relative)), HttpStatusCode.NoContent);
        await JsonAsync(await admin.DeleteAsync(new Uri($"{url}/{outsider.Id}", UriKind.Relative)), HttpStatusCode.NotFound);
        (await App.WithDbAsync(db => db.ProgrammeMembers.Where(m => m.ProgrammeId == programme).Select(m => m.PersonId).ToListAsync())).ShouldBe([insider.Id]);

        var key = $"{programme}/";
        var audited = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ProgrammeMember" && e.EntityId.StartsWith(key))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.EntityId }).ToListAsync());
        audited.Select(a => (a.Action, a.EntityId)).ShouldBe([("Added", $"{programme}/{outsider.Id}"), ("Added", $"{programme}/{insider.Id}"), ("Deleted", $"{programme}/{outsider.Id}")]);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_person_added_to_the_programme_becomes_eligible_for_its_members_only_classes_and_stops_being_when_removed()
    {
        var (programme, owner, cityHall, _) = await ProgrammeAsync();
        var offering = await App.WithDbAsync(async db =>
        {
            var o = await db.Offerings.Where(x => x.ProgrammeId == programme).SingleAsync();
            o.Eligibility = Core.Catalog.Eligibility.ProgrammeMembers;
            await db.SaveChangesAsync();
            return o.Id;
        });
        var person = await PersonAsync(cityHall, "Elegível " + Guid.NewGuid().ToString("N")[..6]);
        // The rule's three forms: one person in memory, the offerings a person may see, the people an offering announces to.
        Task<(string? WhyNot, bool Listed, bool Announced)> EligibilityAsync() => App.WithDbAsync(async db =>
        {
            var o = await db.Offerings.Include(x => x.EligibilityRules).SingleAsync(x => x.Id == offering);
            var facts = await Core.Enrolment.EligibilityCheck.FactsAsync(db, person.Id, CancellationToken.None);
            return (await Core.Enrolment.EligibilityCheck.WhyNotAsync(db, o, facts!, CancellationToken.None),
                await db.Offerings.EligibleFor(db, facts!).AnyAsync(x => x.Id == offering),
                await Core.Enrolment.EligibilityCheck.EligiblePeople(db, offering).ContainsAsync(person.Id));
        });

        (await EligibilityAsync()).ShouldBe(("Enrol.NotProgrammeMember", false, false));
        using var admin = await ApiAsync(await NewAccountAsync(Roles.Administrator, owner));
        await CreatedIdAsync(await admin.PostAsJsonAsync($"/api/v1/programmes/{programme}/members", new { cpf = person.Cpf }));
        (await EligibilityAsync()).ShouldBe((null, true, true));
        await JsonAsync(await admin.DeleteAsync(new Uri($"/api/v1/programmes/{programme}/members/{person.Id}", UriKind.Relative)), HttpStatusCode.NoContent);
        (await EligibilityAsync()).ShouldBe(("Enrol.NotProgrammeMember", false, false));
    }

    [Test]
    public async Task A_cpf_list_imports_all_or_nothing_with_each_line_and_column_named()
    {
        var (programme, owner, cityHall, ibge) = await ProgrammeAsync();
        var atCityHall = await PersonAsync(cityHall, "Importada Prefeitura " + Guid.NewGuid().ToString("N")[..6]);
        var atOwner = await PersonAsync(owner, "Importada Secretaria " + Guid.NewGuid().ToString("N")[..6]);
        var unknown = Data.NewCpf();
        using var admin = await ApiAsync(await NewAccountAsync(Roles.Administrator, owner));
        var url = $"/api/v1/programmes/{programme}/members/import";

        var bad = ImportKit.Csv($"cpf;orgao\n{Cpf.Format(atCityHall.Cpf)};{ibge}\n{atOwner.Cpf};{ibge}\n123.456.789-00;\n{unknown};\n{atCityHall.Cpf};\n");
        var preview = await JsonAsync(await admin.PostAsync(new Uri(url + "/preview?culture=en", UriKind.Relative), ImportKit.Multipart(bad, "membros.csv")), HttpStatusCode.OK);
        preview.GetProperty("rows").GetInt32().ShouldBe(5);
        preview.GetProperty("rowsWithErrors").GetInt32().ShouldBe(4);
        var errors = preview.GetProperty("errors").EnumerateArray()
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Column: e.GetProperty("column").GetString(), Code: e.GetProperty("code").GetString(), Message: e.GetProperty("message").GetString()!))
            .ToList();
        errors.Select(e => (e.Line, e.Column, e.Code)).ShouldBe([
            (3, "orgao", "MemberImport.OtherOrganization"),
            (4, "cpf", "Cpf.Invalid"),
            (5, "cpf", "MemberImport.PersonUnknown"),
            (6, "cpf", "MemberImport.DuplicateCpf"),
        ]);
        errors[0].Message.ShouldContain(Cpf.Format(atOwner.Cpf));
        errors[3].Message.ShouldContain("line 2");

        // Committing a file with errors writes nothing and answers its report.
        var id = preview.GetProperty("importId").GetString();
        var refused = await JsonAsync(await admin.PostAsJsonAsync(url + "/commit?culture=en", new { importId = id }), HttpStatusCode.BadRequest);
        refused.GetProperty("committed").GetBoolean().ShouldBeFalse();
        refused.GetProperty("rowsWithErrors").GetInt32().ShouldBe(4);
        (await App.WithDbAsync(db => db.ProgrammeMembers.CountAsync(m => m.ProgrammeId == programme))).ShouldBe(0);

        // One CPF a line, no header: everyone is added at once; the same file again adds nobody.
        var good = ImportKit.Csv($"{Cpf.Format(atCityHall.Cpf)}\n{atOwner.Cpf}\n");
        preview = await JsonAsync(await admin.PostAsync(new Uri(url + "/preview", UriKind.Relative), ImportKit.Multipart(good, "cpfs.csv")), HttpStatusCode.OK);
        preview.GetProperty("toAdd").GetInt32().ShouldBe(2);
        var done = await JsonAsync(await admin.PostAsJsonAsync(url + "/commit", new { importId = preview.GetProperty("importId").GetString() }), HttpStatusCode.OK);
        done.GetProperty("committed").GetBoolean().ShouldBeTrue();
        done.GetProperty("toAdd").GetInt32().ShouldBe(2);
        (await App.WithDbAsync(db => db.ProgrammeMembers.Where(m => m.ProgrammeId == programme).OrderBy(m => m.PersonId).Select(m => m.PersonId).ToListAsync()))
            .ShouldBe(new[] { atCityHall.Id, atOwner.Id }.Order().ToList());
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "ProgrammeMember" && e.Action == "Added" && e.EntityId.StartsWith(programme.ToString(CultureInfo.InvariantCulture) + "/"))))
            .ShouldBe(2);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();

        var again = await JsonAsync(await admin.PostAsync(new Uri(url + "/preview", UriKind.Relative), ImportKit.Multipart(good, "cpfs.csv")), HttpStatusCode.OK);
        again.GetProperty("toAdd").GetInt32().ShouldBe(0);
        again.GetProperty("alreadyMembers").GetInt32().ShouldBe(2);
        var twice = await JsonAsync(await admin.PostAsJsonAsync(url + "/commit", new { importId = again.GetProperty("importId").GetString() }), HttpStatusCode.OK);
        twice.GetProperty("toAdd").GetInt32().ShouldBe(0);
        (await App.WithDbAsync(db => db.ProgrammeMembers.CountAsync(m => m.ProgrammeId == programme))).ShouldBe(2);

        // Not the owner's administrator: the programme is not found.
        using var cityAdmin = await ApiAsync(await NewAccountAsync(Roles.Administrator, cityHall));
        (await cityAdmin.PostAsync(new Uri(url + "/preview", UriKind.Relative), ImportKit.Multipart(good, "cpfs.csv"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Inviting_the_members_without_an_account_queues_one_invitation_each_even_on_a_double_click()
    {
        var (programme, owner, cityHall, _) = await ProgrammeAsync();
        using var root = await AdminApiAsync();
        using var admin = await ApiAsync(await NewAccountAsync(Roles.Administrator, owner));
        var url = $"/api/v1/programmes/{programme}/members";
        var people = new List<Person>();
        for (var i = 0; i < 3; i++)
        {
            var person = await PersonAsync(i == 0 ? owner : cityHall, $"Convidada {i} {Guid.NewGuid():N}"[..20]);
            await CreatedIdAsync(await admin.PostAsJsonAsync(url, new { personId = person.Id }));
            people.Add(person);
        }

        // One already has an account (invited and accepted elsewhere): they are counted, not invited.
        await App.WithDbAsync(async db =>
        {
            db.Users.Add(new ApplicationUser { UserName = people[2].Email, Email = people[2].Email, PersonId = people[2].Id, DisplayName = people[2].FullName });
            return await db.SaveChangesAsync();
        });

        var clicks = await Task.WhenAll(admin.PostAsync(new Uri(url + "/invite", UriKind.Relative), null), admin.PostAsync(new Uri(url + "/invite", UriKind.Relative), null));
        var reports = new List<JsonElement>();
        foreach (var click in clicks)
        {
            reports.Add(await JsonAsync(click, HttpStatusCode.OK));
        }

        reports.Sum(r => r.GetProperty("queued").GetInt32()).ShouldBe(2, "one invitation for each member without an account, whatever their organisation");
        var ids = people.Select(p => p.Id).ToList();
        var invited = await App.WithDbAsync(db => db.Invitations.Where(i => ids.Contains(i.PersonId)).Select(i => new { i.PersonId, i.Source, i.Sends }).ToListAsync());
        invited.Select(i => i.PersonId).Order().ShouldBe(ids.Take(2).Order());
        invited.ShouldAllBe(i => i.Source == InvitationSource.Programme && i.Sends == 1);
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == "AccountInvitation" && m.RecipientPersonId != null && ids.Contains(m.RecipientPersonId.Value))))
            .ShouldBe(2);

        var third = await JsonAsync(await admin.PostAsync(new Uri(url + "/invite", UriKind.Relative), null), HttpStatusCode.OK);
        third.GetProperty("queued").GetInt32().ShouldBe(0);
        third.GetProperty("alreadyInvited").GetInt32().ShouldBe(2);
        var invitationIds = await App.WithDbAsync(async db => (await db.Invitations.Where(i => ids.Contains(i.PersonId)).Select(i => i.Id).ToListAsync())
            .Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList());
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "InvitationSent" && e.EntityType == "Invitation" && invitationIds.Contains(e.EntityId)))).ShouldBe(2);

        using var auditor = await ApiAsync(await NewAccountAsync(Roles.Auditor, owner));
        (await auditor.PostAsync(new Uri(url + "/invite", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await root.PostAsync(new Uri($"/api/v1/programmes/{int.MaxValue}/members/invite", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
