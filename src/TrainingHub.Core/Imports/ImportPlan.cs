using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Imports;

/// <summary>A person row as it will be written. Null optional fields leave what is stored as it is.</summary>
internal sealed record PersonUpsert(
    int Line, string Cpf, int? ExistingId, string FullName, string Email, int OrganizationId, string? JobTitle, string? Registration, string? Language, string? ManagerCpf);

internal sealed record PlannedEnrolment(int Line, string Cpf, int OfferingId);

/// <summary>
/// Checks every row of a parsed file against the database and works out what committing it would do. Preview
/// shows it; commit re-builds it (never trusting an earlier one) and carries it out.
/// </summary>
internal sealed class ImportPlan
{
    internal sealed record OrgRef(int Id, string NameKey, string? Acronym, string? IbgeCode, OrganizationKind Kind, string Path);

    private sealed record Existing(
        int Id, string Cpf, string FullName, string Email, int OrganizationId, string? JobTitle, string? RegistrationNumber, string PreferredLanguage,
        int? ManagerId, bool Anonymized, string Path, OrganizationKind Kind);

    private ImportPlan(ImportTable table) => Table = table;

    public ImportTable Table { get; }
    public List<PersonUpsert> NewPeople { get; } = [];
    public List<PersonUpsert> ChangedPeople { get; } = [];

    /// <summary>The CPF of every person row without errors (new, changed or unchanged), once each, in file order.</summary>
    public List<string> PersonCpfs { get; } = [];
    public int UnchangedPeople { get; private set; }
    public List<PlannedEnrolment> Enrolments { get; } = [];
    public int AlreadyEnrolled { get; private set; }
    public List<ImportRowError> Errors { get; } = [];

    /// <summary>CPF → id of the people the file names who are already registered (managers included).</summary>
    public Dictionary<string, int> ExistingIds { get; } = new(StringComparer.Ordinal);

    public ImportReport Report() => new()
    {
        Format = Table.Format,
        Separator = Table.Separator,
        Columns = Table.Headers.Values.ToList(),
        IgnoredColumns = Table.IgnoredColumns,
        Rows = Table.Rows.Count,
        NewPeople = NewPeople.Count,
        UpdatedPeople = ChangedPeople.Count,
        UnchangedPeople = UnchangedPeople,
        EnrolmentsToCreate = Enrolments.Count,
        AlreadyEnrolled = AlreadyEnrolled,
        Errors = Errors.OrderBy(e => e.Line).ToList(),
    };

    /// <summary>How many rows are checked between two calls of a build's progress callback.</summary>
    public const int ProgressEvery = 500;

    public static async Task<ImportPlan> BuildAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ImportTable table, CancellationToken ct, Func<int, Task>? progress = null)
    {
        var plan = new ImportPlan(table);
        plan.Errors.AddRange(table.Malformed.Select(line => new ImportRowError(line, "", "Import.BadQuotes", [])));
        var cpfs = table.Rows.SelectMany(r => new[] { r[ImportColumn.Cpf], r[ImportColumn.ManagerCpf] })
            .Select(c => Cpf.Normalize(c)).OfType<string>().Distinct().ToList();
        var existing = await db.People.AsNoTracking().Where(p => cpfs.Contains(p.Cpf))
            .Select(p => new Existing(p.Id, p.Cpf, p.FullName, p.Email, p.OrganizationId, p.JobTitle, p.RegistrationNumber, p.PreferredLanguage,
                p.ManagerId, p.AnonymizedAt != null, p.Organization!.Path, p.Organization.Kind))
            .ToDictionaryAsync(p => p.Cpf, StringComparer.Ordinal, ct);
        foreach (var e in existing.Values)
        {
            plan.ExistingIds[e.Cpf] = e.Id;
        }

        var organizations = table.HasPeople
            ? await db.Organizations.AsNoTracking().Select(o => new OrgRef(o.Id, o.NameKey, o.Acronym, o.IbgeCode, o.Kind, o.Path)).ToListAsync(ct)
            : [];
        var codes = table.HasOfferings ? table.Rows.Select(r => r[ImportColumn.Offering]).OfType<string>().Distinct().ToList() : [];
        var offerings = await db.Offerings.AsNoTracking().Include(o => o.EligibilityRules).Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, ct);
        var personIds = existing.Values.Select(p => p.Id).ToList();
        var offeringIds = offerings.Values.Select(o => o.Id).ToList();
        var enrolled = offeringIds.Count == 0 ? [] : (await db.Enrolments.AsNoTracking()
            .Where(e => offeringIds.Contains(e.OfferingId) && personIds.Contains(e.PersonId) && EnrolmentStatuses.Enrolled.Contains(e.Status))
            .Select(e => new { e.PersonId, e.OfferingId }).ToListAsync(ct)).Select(e => (e.PersonId, e.OfferingId)).ToHashSet();

        // People the file itself describes (valid CPFs), so that a manager may be a person registered by the same file.
        var described = table.HasPeople
            ? table.Rows.Select(r => Cpf.Normalize(r[ImportColumn.Cpf])).OfType<string>().Where(Cpf.IsValid).ToHashSet(StringComparer.Ordinal)
            : [];
        var resolved = new Dictionary<string, (OrgRef? Org, string? Error)>(StringComparer.Ordinal);
        var firstRowOf = new Dictionary<string, (int Line, PersonUpsert? Person)>(StringComparer.Ordinal);
        var firstEnrolment = new Dictionary<(string, int), int>();
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        string Col(ImportColumn c) => table.ColumnName(c);
        bool InScope(string path) => scope.OrganizationPath is not { } root || path.StartsWith(root, StringComparison.Ordinal);

        var rowsChecked = 0;
        foreach (var row in table.Rows)
        {
            if (progress is not null && rowsChecked++ % ProgressEvery == 0 && rowsChecked > 1)
            {
                await progress(rowsChecked - 1);
            }

            var errors = new List<FieldError>();
            var cpf = PersonValidation.Cpf(row[ImportColumn.Cpf], Col(ImportColumn.Cpf), errors);
            var known = cpf is not null && existing.TryGetValue(cpf, out var e) ? e : null;
            if (known is { Anonymized: true })
            {
                errors.Add(new(Col(ImportColumn.Cpf), "Import.PersonAnonymized", Cpf.Format(cpf!)));
            }
            else if (known is not null && !InScope(known.Path))
            {
                errors.Add(new(Col(ImportColumn.Cpf), "Import.PersonOutsideScope", Cpf.Format(cpf!)));
            }

            PersonUpsert? person = null;
            EligibilityCheck.PersonFacts? facts = known is null ? null : new(known.Id, known.OrganizationId, known.Kind, known.Path);
            var firstOfPerson = false;
            if (table.HasPeople)
            {
                var before = errors.Count;
                var name = PersonValidation.FullName(row[ImportColumn.Name], Col(ImportColumn.Name), errors);
                var email = PersonValidation.Email(row[ImportColumn.Email], Col(ImportColumn.Email), errors);
                var language = row[ImportColumn.Language] is { } lang ? PersonValidation.Language(lang, Col(ImportColumn.Language), errors) : null;
                var orgValue = row[ImportColumn.Organization];
                OrgRef? org = null;
                if (orgValue is null)
                {
                    errors.Add(new(Col(ImportColumn.Organization), "Import.OrganizationRequired"));
                }
                else
                {
                    if (!resolved.TryGetValue(orgValue, out var r))
                    {
                        r = ResolveOrganization(organizations, orgValue, InScope);
                        resolved[orgValue] = r;
                    }

                    org = r.Org;
                    if (r.Error is not null)
                    {
                        errors.Add(new(Col(ImportColumn.Organization), r.Error, orgValue));
                    }
                }

                var managerCpf = row[ImportColumn.ManagerCpf] is { } m ? PersonValidation.Cpf(m, Col(ImportColumn.ManagerCpf), errors) : null;
                if (managerCpf is not null && managerCpf == cpf)
                {
                    errors.Add(new(Col(ImportColumn.ManagerCpf), "Import.ManagerIsSelf"));
                }
                else if (managerCpf is not null && !described.Contains(managerCpf)
                    && !(existing.TryGetValue(managerCpf, out var manager) && !manager.Anonymized && InScope(manager.Path)))
                {
                    errors.Add(new(Col(ImportColumn.ManagerCpf), "Import.ManagerUnknown", Cpf.Format(managerCpf)));
                }

                if (org is not null)
                {
                    facts = new(known?.Id ?? 0, org.Id, org.Kind, org.Path);
                }

                if (errors.Count == before && cpf is not null && org is not null)
                {
                    person = new PersonUpsert(row.Line, cpf, known?.Id, name!, email!, org.Id,
                        PersonValidation.Optional(row[ImportColumn.JobTitle], PersonValidation.JobTitleMax),
                        PersonValidation.Optional(row[ImportColumn.Registration], PersonValidation.RegistrationMax), language, managerCpf);
                }

                if (cpf is not null)
                {
                    if (firstRowOf.TryGetValue(cpf, out var first))
                    {
                        // The same person on several lines is fine only to enrol them in several offerings, with the same data.
                        if (!table.HasOfferings || person is null || first.Person is null || person != (first.Person with { Line = row.Line }))
                        {
                            errors.Add(new(Col(ImportColumn.Cpf), "Import.DuplicateCpf", Cpf.Format(cpf), first.Line));
                        }
                    }
                    else
                    {
                        firstRowOf[cpf] = (row.Line, person);
                        firstOfPerson = true;
                    }
                }
            }
            else if (cpf is not null && known is null)
            {
                errors.Add(new(Col(ImportColumn.Cpf), "Import.PersonUnknown", Cpf.Format(cpf)));
            }

            PlannedEnrolment? enrolment = null;
            var alreadyEnrolled = false;
            if (table.HasOfferings && row[ImportColumn.Offering] is { } code)
            {
                if (!offerings.TryGetValue(code, out var offering))
                {
                    errors.Add(new(Col(ImportColumn.Offering), "Import.OfferingUnknown", code));
                }
                else if (EnrolInOffering.WhyClosed(offering, now, today) is { } closed)
                {
                    errors.Add(new(Col(ImportColumn.Offering), closed));
                }
                else
                {
                    if (facts is not null && await EligibilityCheck.WhyNotAsync(db, offering, facts, ct) is { } why)
                    {
                        errors.Add(new(Col(ImportColumn.Offering), "Import.Ineligible", code, why));
                    }

                    if (cpf is not null)
                    {
                        if (firstEnrolment.TryGetValue((cpf, offering.Id), out var firstLine))
                        {
                            errors.Add(new(Col(ImportColumn.Offering), "Import.DuplicateEnrolment", code, firstLine));
                        }
                        else
                        {
                            firstEnrolment[(cpf, offering.Id)] = row.Line;
                            alreadyEnrolled = known is not null && enrolled.Contains((known.Id, offering.Id));
                            enrolment = new PlannedEnrolment(row.Line, cpf, offering.Id);
                        }
                    }
                }
            }

            if (errors.Count > 0)
            {
                plan.Errors.AddRange(errors.Select(x => new ImportRowError(row.Line, x.Field, x.Code, x.Args)));
                continue;
            }

            if (firstOfPerson && person is not null)
            {
                plan.PersonCpfs.Add(person.Cpf);
                if (known is null)
                {
                    plan.NewPeople.Add(person);
                }
                else if (Differs(known, person, existing))
                {
                    plan.ChangedPeople.Add(person);
                }
                else
                {
                    plan.UnchangedPeople++;
                }
            }

            if (alreadyEnrolled)
            {
                plan.AlreadyEnrolled++;
            }
            else if (enrolment is not null)
            {
                plan.Enrolments.Add(enrolment);
            }
        }

        return plan;
    }

    /// <summary>Spreadsheets drop a CPF's leading zeros when it was typed as a number: 9 or 10 digits get them back.</summary>
    private static bool Differs(Existing known, PersonUpsert p, Dictionary<string, Existing> existing) =>
        known.FullName != p.FullName || known.Email != p.Email || known.OrganizationId != p.OrganizationId
        || (p.JobTitle is not null && p.JobTitle != known.JobTitle)
        || (p.Registration is not null && p.Registration != known.RegistrationNumber)
        || (p.Language is not null && p.Language != known.PreferredLanguage)
        || (p.ManagerCpf is not null && (!existing.TryGetValue(p.ManagerCpf, out var manager) || manager.Id != known.ManagerId));

    /// <summary>By IBGE code (the city hall), exact acronym or exact name (without case or accents), inside the scope.</summary>
    internal static (OrgRef? Org, string? Error) ResolveOrganization(List<OrgRef> all, string value, Func<string, bool> inScope)
    {
        List<OrgRef> candidates;
        if (value.Length == 7 && value.All(char.IsAsciiDigit))
        {
            candidates = all.Where(o => o.IbgeCode == value).ToList();
            if (candidates.Any(o => o.Kind == OrganizationKind.CityHall))
            {
                candidates = candidates.Where(o => o.Kind == OrganizationKind.CityHall).ToList();
            }
        }
        else
        {
            var key = NameKey.For(value);
            candidates = all.Where(o => string.Equals(o.Acronym, value, StringComparison.OrdinalIgnoreCase) || o.NameKey == key).ToList();
        }

        var mine = candidates.Where(o => inScope(o.Path)).ToList();
        return mine.Count switch
        {
            1 => (mine[0], null),
            > 1 => (null, "Import.OrganizationAmbiguous"),
            _ => (null, candidates.Count > 0 ? "Import.OrganizationOutsideScope" : "Import.OrganizationUnknown"),
        };
    }
}
