using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Members;
using TrainingHub.Web.Features.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Members;

/// <param name="Find">What was typed in the person picker; <paramref name="Candidates"/> what it found (null when nothing was asked).</param>
public sealed record MembersViewModel(
    ProgrammeDetail Programme, MemberList List, MemberFilter Filter, PagerModel Pager, bool CanEdit, string? Find, IReadOnlyList<MemberCandidate>? Candidates,
    IReadOnlyList<string> Errors);

/// <summary>A member import as the page and the API show it: counts, and every line error translated.</summary>
public sealed record MemberImportView(
    Guid ImportId, string FileName, bool Committed, string Format, int Rows, int ToAdd, int AlreadyMembers, int RowsWithErrors,
    IReadOnlyList<string> Columns, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<ImportErrorView> Errors)
{
    public static MemberImportView From(Guid id, string fileName, MemberImportReport r, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(id, fileName, r.Committed, r.Format, r.Rows, r.ToAdd, r.AlreadyMembers, r.RowsWithErrors, r.Columns, r.IgnoredColumns,
            r.Errors.Select(e => new ImportErrorView(e.Line, e.Column, e.Code, ImportText.Message(e.Code, e.Args, t))).ToList());
    }
}

/// <param name="Report">The preview (null on the upload form).</param>
public sealed record MemberImportViewModel(ProgrammeDetail Programme, MemberImportView? Report, Page<ImportErrorView>? Errors, PagerModel? Pager, IReadOnlyList<string> FileErrors);

/// <param name="ImportId">The id the preview answered.</param>
public sealed record CommitMemberImportBody(Guid ImportId);
