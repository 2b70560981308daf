using TrainingHub.Core.Common;

namespace TrainingHub.Core.Imports;

/// <summary>The columns an import file may have. People columns upsert people; the offering column enrols them.</summary>
public enum ImportColumn
{
    Cpf,
    Name,
    Email,
    Organization,
    JobTitle,
    Registration,
    Language,
    ManagerCpf,
    Offering,
}

/// <summary>Header names accepted in Portuguese or English, matched without case, accents, spaces, '-' or '_'.</summary>
public static class ImportColumns
{
    private static readonly Dictionary<string, ImportColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["cpf"] = ImportColumn.Cpf,
        ["nome"] = ImportColumn.Name,
        ["name"] = ImportColumn.Name,
        ["email"] = ImportColumn.Email,
        ["orgao"] = ImportColumn.Organization,
        ["organizacao"] = ImportColumn.Organization,
        ["organization"] = ImportColumn.Organization,
        ["cargo"] = ImportColumn.JobTitle,
        ["jobtitle"] = ImportColumn.JobTitle,
        ["matricula"] = ImportColumn.Registration,
        ["registration"] = ImportColumn.Registration,
        ["idioma"] = ImportColumn.Language,
        ["language"] = ImportColumn.Language,
        ["chefiacpf"] = ImportColumn.ManagerCpf,
        ["managercpf"] = ImportColumn.ManagerCpf,
        ["turma"] = ImportColumn.Offering,
        ["class"] = ImportColumn.Offering,
        ["offering"] = ImportColumn.Offering,
    };

    /// <summary>Columns that describe a person: any of them makes the file upsert people.</summary>
    public static readonly IReadOnlyList<ImportColumn> PersonColumns =
        [ImportColumn.Name, ImportColumn.Email, ImportColumn.Organization, ImportColumn.JobTitle, ImportColumn.Registration, ImportColumn.Language, ImportColumn.ManagerCpf];

    /// <summary>Required as soon as the file has person columns.</summary>
    public static readonly IReadOnlyList<ImportColumn> RequiredPersonColumns = [ImportColumn.Name, ImportColumn.Email, ImportColumn.Organization];

    /// <summary>The documented (Portuguese) name of a column, used in messages when the file did not name it.</summary>
    public static string CanonicalName(ImportColumn column) => column switch
    {
        ImportColumn.Cpf => "cpf",
        ImportColumn.Name => "nome",
        ImportColumn.Email => "email",
        ImportColumn.Organization => "orgao",
        ImportColumn.JobTitle => "cargo",
        ImportColumn.Registration => "matricula",
        ImportColumn.Language => "idioma",
        ImportColumn.ManagerCpf => "chefia_cpf",
        _ => "turma",
    };

    public static ImportColumn? Match(string? header)
    {
        var key = string.Concat(NameKey.For(header).Where(c => c is not (' ' or '-' or '_' or '.')));
        return Aliases.TryGetValue(key, out var column) ? column : null;
    }
}
