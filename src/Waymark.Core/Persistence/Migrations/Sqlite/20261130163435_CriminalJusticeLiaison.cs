using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CriminalJusticeLiaison : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CriminalJusticeClocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TargetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NearOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoppedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartEventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StopEventId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeClocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeClocks_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriminalJusticeClockSettings",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TransferDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MhtrDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeClockSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeClockSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriminalJusticeEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HearingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Offence = table.Column<int>(type: "INTEGER", nullable: true),
                    PoliceDecision = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    RemandOrBail = table.Column<int>(type: "INTEGER", nullable: true),
                    BailConditions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HearingType = table.Column<int>(type: "INTEGER", nullable: true),
                    SupportAtCourt = table.Column<bool>(type: "INTEGER", nullable: false),
                    HearingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CourtOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PaymentPlanHelp = table.Column<bool>(type: "INTEGER", nullable: false),
                    LegalStatus = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    TransferSection = table.Column<int>(type: "INTEGER", nullable: true),
                    SupersedesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeEvents_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeEvents_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Vulnerabilities = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Screening = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Priorities = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EffectOnProcess = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FurtherInformation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CorrectionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SentHow = table.Column<int>(type: "INTEGER", nullable: true),
                    SentNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SentInformation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiaisonReports_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProactiveLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProactiveLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProactiveLists_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProactiveLists_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProactiveScreeningSettings",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProactiveScreeningSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_ProactiveScreeningSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonReportAddressee",
                columns: table => new
                {
                    ReportVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonReportAddressee", x => new { x.ReportVersionId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_LiaisonReportAddressee_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LiaisonReportAddressee_LiaisonReports_ReportVersionId",
                        column: x => x.ReportVersionId,
                        principalTable: "LiaisonReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonReportRecommendation",
                columns: table => new
                {
                    ReportVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PersonConsents = table.Column<bool>(type: "INTEGER", nullable: true),
                    ProviderAgrees = table.Column<bool>(type: "INTEGER", nullable: true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonReportRecommendation", x => new { x.ReportVersionId, x.Code });
                    table.ForeignKey(
                        name: "FK_LiaisonReportRecommendation_LiaisonReports_ReportVersionId",
                        column: x => x.ReportVersionId,
                        principalTable: "LiaisonReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProactiveListRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GivenNames = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgeOnDay = table.Column<int>(type: "INTEGER", nullable: true),
                    Sex = table.Column<int>(type: "INTEGER", nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PncId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    NhsNumber = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    TimeIn = table.Column<long>(type: "INTEGER", nullable: true),
                    OffenceCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Band = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Probability = table.Column<double>(type: "REAL", nullable: true),
                    Verdict = table.Column<int>(type: "INTEGER", nullable: true),
                    VerdictAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VerdictByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DetailsClearedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProactiveListRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProactiveListRows_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProactiveListRows_ProactiveLists_ListId",
                        column: x => x.ListId,
                        principalTable: "ProactiveLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeClocks_EpisodeId_Kind",
                table: "CriminalJusticeClocks",
                columns: new[] { "EpisodeId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeClocks_PersonId",
                table: "CriminalJusticeClocks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeClocks_TeamId_StoppedOn_DueOn",
                table: "CriminalJusticeClocks",
                columns: new[] { "TeamId", "StoppedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_AgencyId",
                table: "CriminalJusticeEvents",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_EpisodeId_On",
                table: "CriminalJusticeEvents",
                columns: new[] { "EpisodeId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_HearingId",
                table: "CriminalJusticeEvents",
                column: "HearingId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_PersonId_On",
                table: "CriminalJusticeEvents",
                columns: new[] { "PersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_SupersedesId",
                table: "CriminalJusticeEvents",
                column: "SupersedesId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_TeamId_Kind_On",
                table: "CriminalJusticeEvents",
                columns: new[] { "TeamId", "Kind", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReportAddressee_AgencyId",
                table: "LiaisonReportAddressee",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_EpisodeId_SentAt",
                table: "LiaisonReports",
                columns: new[] { "EpisodeId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_PersonId_CreatedAt",
                table: "LiaisonReports",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_ReportId_Number",
                table: "LiaisonReports",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveListRows_ListId_Line",
                table: "ProactiveListRows",
                columns: new[] { "ListId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveListRows_PersonId",
                table: "ProactiveListRows",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveLists_AgencyId",
                table: "ProactiveLists",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveLists_Day",
                table: "ProactiveLists",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveLists_TeamId_Day",
                table: "ProactiveLists",
                columns: new[] { "TeamId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CriminalJusticeClocks");

            migrationBuilder.DropTable(
                name: "CriminalJusticeClockSettings");

            migrationBuilder.DropTable(
                name: "CriminalJusticeEvents");

            migrationBuilder.DropTable(
                name: "LiaisonReportAddressee");

            migrationBuilder.DropTable(
                name: "LiaisonReportRecommendation");

            migrationBuilder.DropTable(
                name: "ProactiveListRows");

            migrationBuilder.DropTable(
                name: "ProactiveScreeningSettings");

            migrationBuilder.DropTable(
                name: "LiaisonReports");

            migrationBuilder.DropTable(
                name: "ProactiveLists");
        }
    }
}
