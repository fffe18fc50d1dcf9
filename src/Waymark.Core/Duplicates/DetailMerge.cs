using Waymark.People;

namespace Waymark.Duplicates;

/// <summary>
/// How a merge combines the two records' own details, and how an un-merge takes that back (ADR 12, ADR 18).
/// The rule, per detail: the kept record's value stands; where it has none, a value on the merged record fills it (a known
/// value beats any reason for having none); where both are empty, the reason that tells more wins
/// (<see cref="Absent.Combine"/>: has none, then declined, then not known, then not asked). Dates of birth are not filled:
/// the merged record's date is kept as another date of birth (PersonLinkedRecords), so only its reason combines.
/// </summary>
public static class DetailMerge
{
    /// <summary>Combines <paramref name="merged"/>'s details into <paramref name="kept"/>, recording each change in <paramref name="moves"/>.</summary>
    public static void Apply(Person kept, Person merged, MergeMoves moves)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(moves);
        foreach (var field in Absent.Fields)
        {
            if (kept.HasValue(field)) continue;
            var before = kept.AbsenceOf(field);
            if (field != PersonField.DateOfBirth && merged.HasValue(field))
            {
                Fill(kept, merged, field, moves);
                kept.SetAbsence(field, null); // has a value now: stored as no reason
            }
            else
            {
                var combined = Absent.Combine(before, merged.HasValue(field) ? null : merged.AbsenceOf(field));
                if (combined == before) continue;
                kept.SetAbsence(field, combined);
            }
            (moves.AbsencesBefore ??= [])[field.ToString()] = before;
        }
    }

    /// <summary>Takes back what <see cref="Apply"/> changed, where the kept record still shows what the merge left
    /// (a detail changed since the merge is left as it now is).</summary>
    public static void Undo(Person kept, MergeMoves moves)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(moves);
        if (moves.FilledNhsNumber is not null && kept.NhsNumber == moves.FilledNhsNumber) kept.NhsNumber = null;
        if (moves.FilledPncId is not null && kept.PncId == moves.FilledPncId) kept.PncId = null;
        foreach (var (name, value) in moves.FilledDetails ?? [])
            switch (name)
            {
                case nameof(Person.Phone) when kept.Phone == value: kept.Phone = null; kept.ConsentToText = false; break;
                case nameof(Person.Email) when kept.Email == value: kept.Email = null; kept.ConsentToEmail = false; break;
                case nameof(Person.Address) when kept.Address == value: kept.Address = null; break;
                case nameof(Person.Postcode) when kept.Postcode == value: kept.Postcode = null; break;
                case nameof(Person.GpPractice) when kept.GpPractice == value: kept.GpPractice = null; break;
            }
        foreach (var (name, before) in moves.AbsencesBefore ?? [])
            if (Enum.TryParse<PersonField>(name, out var field) && !kept.HasValue(field))
                kept.SetAbsence(field, before ?? Absence.NotAsked);
    }

    private static void Fill(Person kept, Person merged, PersonField field, MergeMoves moves)
    {
        void Note(string name, string? value) { if (value is not null) (moves.FilledDetails ??= [])[name] = value; }
        switch (field)
        {
            case PersonField.NhsNumber: kept.NhsNumber = moves.FilledNhsNumber = merged.NhsNumber; break;
            case PersonField.PncId: kept.PncId = moves.FilledPncId = merged.PncId; break;
            case PersonField.Phone: kept.Phone = merged.Phone; Note(nameof(Person.Phone), merged.Phone); break;
            case PersonField.Email: kept.Email = merged.Email; Note(nameof(Person.Email), merged.Email); break;
            case PersonField.GpPractice: kept.GpPractice = merged.GpPractice; Note(nameof(Person.GpPractice), merged.GpPractice); break;
            case PersonField.Address:
                (kept.Address, kept.Postcode) = (merged.Address, merged.Postcode);
                Note(nameof(Person.Address), merged.Address);
                Note(nameof(Person.Postcode), merged.Postcode);
                break;
        }
    }
}
