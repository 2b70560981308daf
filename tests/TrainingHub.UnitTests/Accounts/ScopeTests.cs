using TrainingHub.Core.Accounts;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.UnitTests.Accounts;

public class ScopeTests
{
    private static readonly Organization State = new() { Id = 1, Name = "Governo", Path = "/1/" };
    private static readonly Organization Seplag = new() { Id = 2, Name = "Seplag", Path = "/1/2/", ParentId = 1 };
    private static readonly Organization SeplagUnit = new() { Id = 3, Name = "Aest Seplag", Path = "/1/2/3/", ParentId = 2 };
    private static readonly Organization CityHall = new() { Id = 12, Name = "Prefeitura", Path = "/12/" };
    private static readonly Organization Other = new() { Id = 21, Name = "Outra", Path = "/1/21/", ParentId = 1 };

    private static IQueryable<Person> People() => new[] { State, Seplag, SeplagUnit, CityHall, Other }
        .Select(o => new Person { Id = o.Id, Cpf = "52998224725", FullName = "P" + o.Id, Email = "x@y", OrganizationId = o.Id, Organization = o })
        .AsQueryable();

    private static ReaderScope Scope(string? path, params string[] roles) => new("u", null, roles.ToHashSet(), path is null ? null : 2, path);

    [Test]
    public void An_unscoped_reader_sees_everyone() => People().InScope(Scope(null, Roles.Auditor)).Count().ShouldBe(5);

    [Test]
    public void A_scoped_reader_sees_their_organisation_and_those_under_it() =>
        People().InScope(Scope("/1/2/", Roles.Auditor)).Select(p => p.OrganizationId).Order().ShouldBe([2, 3]);

    [Test]
    public void A_path_prefix_of_digits_does_not_leak_to_a_sibling_with_a_longer_id()
    {
        // "/1/2/" must not match "/1/21/": the trailing slash is part of the prefix.
        People().InScope(Scope("/1/2/", Roles.Auditor)).ShouldNotContain(p => p.OrganizationId == 21);
    }

    [Test]
    public void Only_administrators_see_full_cpfs()
    {
        Scope(null, Roles.Administrator).ShowCpf("52998224725", "/1/2/").ShouldBe("529.982.247-25");
        Scope(null, Roles.Auditor).ShowCpf("52998224725", "/1/2/").ShouldBe("***.982.247-**");
        Scope(null, Roles.Instructor).ShowCpf("52998224725", "/1/2/").ShouldBe("***.982.247-**");
    }

    [TestCase("/1/2/", Roles.Administrator, "/1/2/3/", "529.982.247-25")]
    [TestCase("/1/2/", Roles.Administrator, "/1/2/", "529.982.247-25")]
    [TestCase("/1/2/", Roles.Administrator, "/1/21/", "***.982.247-**")]
    [TestCase("/1/2/", Roles.Administrator, "/12/", "***.982.247-**")]
    [TestCase("/1/2/", Roles.Auditor, "/1/2/3/", "***.982.247-**")]
    [TestCase(null, Roles.Auditor, "/12/", "***.982.247-**")]
    public void A_scoped_administrator_sees_full_cpfs_only_of_people_in_their_scope(string? scope, string role, string personPath, string shown) =>
        Scope(scope, role).ShowCpf("52998224725", personPath).ShouldBe(shown);
}
