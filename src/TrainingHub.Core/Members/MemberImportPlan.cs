using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Members;

/// <summary>
/// What a member import does (preview) or did (commit): rows read, people to add, people already members, and every row
/// error by line and column. Counts cover the rows without errors; <see cref="Committed"/> only when everything was written.
/// </summary>
public sealed record MemberImportReport(
    string Format, int Rows, int ToAdd, int AlreadyMembers, IReadOnlyList<string> Columns, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<ImportRowError> Errors,
    bool Committed)
{
    /// <summary>Rows with at least one error.</summary>
    public int RowsWithErrors => Errors.Select(e => e.Line).Distinct().Count();
}

/// <summary>
/// Checks every line of a CPF list against the database: the person must be registered and not anonymised, appear once,
/// and, when the file has an organisation column (IBGE code, acronym or name) and the line fills it, belong to that
/// organisation or one under it. Preview shows the plan; commit rebuilds it and writes it.
/// </summary>
internal sealed class MemberImportPlan
{
    private sealed record Known(int Id, string Organization, string Path, bool Anonymized);

    private MemberImportPlan(ImportTable table) => Table = table;

    public ImportTable Table { get; }
    public List<int> ToAdd { get; } = [];
    public int AlreadyMembers { get; private set; }
    public List<ImportRowError> Errors { get; } = [];

    public MemberImportReport Report(bool committed) =>
        new(Table.Format, Table.Rows.Count, ToAdd.Count, AlreadyMembers, Table.Headers.Values.ToList(), Table.IgnoredColumns, Errors.OrderBy(e => e.Line).ToList(), committed);

    /// <summary>
    /// What preview and commit share: the reader may run the programme's members (an administrator whose scope holds its
    /// owner), the file parses as a CPF list, and the plan of every line.
    /// </summary>
    public static async Task<Result<MemberImportPlan>> PrepareAsync(TrainingHubDbContext db, Accounts.ReaderScope scope, int programmeId, ReadOnlyMemory<byte> content,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("File", "Members.NotAllowed");
        }

        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("", "Programme.NotFound");
        }

        var parsed = ParseImportFile.Handle(content, ImportShape.CpfList);
        return parsed.Succeeded ? Result<MemberImportPlan>.Ok(await BuildAsync(db, programmeId, parsed.Value!, ct)) : parsed.Error!;
    }

    public static async Task<MemberImportPlan> BuildAsync(TrainingHubDbContext db, int programmeId, ImportTable table, CancellationToken ct)
    {
        var plan = new MemberImportPlan(table);
        plan.Errors.AddRange(table.Malformed.Select(line => new ImportRowError(line, "", "Import.BadQuotes", [])));
        var cpfs = table.Rows.Select(r => Cpf.Normalize(r[ImportColumn.Cpf])).OfType<string>().Distinct().ToList();
        var known = new Dictionary<string, Known>(StringComparer.Ordinal);
        foreach (var chunk in cpfs.Chunk(2_000))
        {
            foreach (var p in await db.People.AsNoTracking().Where(p => chunk.Contains(p.Cpf))
                .Select(p => new { p.Cpf, p.Id, Organization = p.Organization!.Name, p.Organization.Path, Anonymized = p.AnonymizedAt != null }).ToListAsync(ct))
            {
                known[p.Cpf] = new Known(p.Id, p.Organization, p.Path, p.Anonymized);
            }
        }

        var members = (await db.ProgrammeMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId).Select(m => m.PersonId).ToListAsync(ct)).ToHashSet();
        var checksOrganization = table.Headers.ContainsKey(ImportColumn.Organization);
        var organizations = checksOrganization
            ? await db.Organizations.AsNoTracking().Select(o => new ImportPlan.OrgRef(o.Id, o.NameKey, o.Acronym, o.IbgeCode, o.Kind, o.Path)).ToListAsync(ct)
            : [];
        var resolved = new Dictionary<string, (ImportPlan.OrgRef? Org, string? Error)>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var cpfColumn = table.ColumnName(ImportColumn.Cpf);
        var orgColumn = table.ColumnName(ImportColumn.Organization);
        foreach (var row in table.Rows)
        {
            var errors = new List<FieldError>();
            var cpf = PersonValidation.Cpf(row[ImportColumn.Cpf], cpfColumn, errors);
            Known? person = null;
            if (cpf is not null)
            {
                if (firstLine.TryGetValue(cpf, out var first))
                {
                    errors.Add(new(cpfColumn, "MemberImport.DuplicateCpf", Cpf.Format(cpf), first));
                }
                else
                {
                    firstLine[cpf] = row.Line;
                }

                if (!known.TryGetValue(cpf, out person))
                {
                    errors.Add(new(cpfColumn, "MemberImport.PersonUnknown", Cpf.Format(cpf)));
                }
                else if (person.Anonymized)
                {
                    errors.Add(new(cpfColumn, "Import.PersonAnonymized", Cpf.Format(cpf)));
                    person = null;
                }
            }

            if (checksOrganization && row[ImportColumn.Organization] is { } orgValue)
            {
                if (!resolved.TryGetValue(orgValue, out var r))
                {
                    r = ImportPlan.ResolveOrganization(organizations, orgValue, _ => true);
                    resolved[orgValue] = r;
                }

                if (r.Org is null)
                {
                    errors.Add(new(orgColumn, r.Error == "Import.OrganizationAmbiguous" ? "MemberImport.OrganizationAmbiguous" : "MemberImport.OrganizationUnknown", orgValue));
                }
                else if (person is not null && !person.Path.StartsWith(r.Org.Path, StringComparison.Ordinal))
                {
                    errors.Add(new(orgColumn, "MemberImport.OtherOrganization", Cpf.Format(cpf!), person.Organization, orgValue));
                }
            }

            if (errors.Count > 0)
            {
                plan.Errors.AddRange(errors.Select(e => new ImportRowError(row.Line, e.Field, e.Code, e.Args)));
            }
            else if (members.Contains(person!.Id))
            {
                plan.AlreadyMembers++;
            }
            else
            {
                plan.ToAdd.Add(person.Id);
            }
        }

        return plan;
    }
}
