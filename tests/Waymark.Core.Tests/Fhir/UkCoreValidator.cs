using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Waymark.Core.Tests.Fhir;

/// <summary>
/// Firely's validator over the base R4 specification (Hl7.Fhir.Specification.Data.R4) and the UK Core files shipped in
/// tests/data/ukcore (snapshots generated from their differentials), with a local terminology service over the value
/// sets and code systems there and in the base specification. One per test run: building the snapshots is slow.
/// </summary>
public sealed class UkCoreValidator
{
    private static readonly Lazy<UkCoreValidator> Shared = new(() => new UkCoreValidator());

    /// <summary>The validator every test shares.</summary>
    public static UkCoreValidator Instance => Shared.Value;

    private readonly Validator _validator;

    private UkCoreValidator()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "data", "ukcore"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("tests/data/ukcore not found above " + AppContext.BaseDirectory);
        var ukCore = new DirectorySource(Path.Combine(dir.FullName, "tests", "data", "ukcore"), new DirectorySourceSettings { IncludeSubDirectories = true });
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(ukCore, ZipSource.CreateValidationSource())));
        var terminology = new OfflineTerminology(new LocalTerminologyService(resolver));
        _validator = new Validator(resolver, terminology);
    }

    /// <summary>The issues validating <paramref name="resource"/> against the profiles it claims (and its base type) gives.</summary>
    public OperationOutcome Validate(Resource resource) => _validator.Validate(resource);

    /// <summary>The error and fatal issues, each as "severity code location: message", for an assertion message.</summary>
    public static IReadOnlyList<string> Errors(OperationOutcome outcome) =>
        [.. outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {i.Code} {string.Join(",", i.Location.Concat(i.Expression))}: {i.Details?.Text ?? i.Diagnostics}")];
}
