using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScreeningAndAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImmediateAssessmentMinutes",
                table: "Teams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "RoutineAssessmentMinutes",
                table: "Teams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 7200);

            migrationBuilder.AddColumn<int>(
                name: "TodayAssessmentMinutes",
                table: "Teams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 480);

            migrationBuilder.AddColumn<long>(
                name: "AssessmentDueAt",
                table: "Episodes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WhatMattersToMe = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RiskSummary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    AdultSafeguardingConcern = table.Column<bool>(type: "INTEGER", nullable: true),
                    AdultSafeguardingDetails = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AdultSafeguardingAction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ChildSafeguardingConcern = table.Column<bool>(type: "INTEGER", nullable: true),
                    ChildSafeguardingDetails = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ChildSafeguardingAction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FormulationRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CoreProblems = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    HowTheyRelate = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    WhatMaintainsThem = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenByUserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormulationRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InstrumentCompletions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    InstrumentVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    InstrumentTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: true),
                    Prorated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Band = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Outcomes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SubscalesJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MissingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedByUserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InstrumentCompletions_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningOutcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Needs = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RiskToSelf = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskToOthers = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskFromOthers = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    SignpostedTo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AssessmentDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningOutcomes_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessedNeeds",
                columns: table => new
                {
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Finding = table.Column<int>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PersonPriority = table.Column<int>(type: "INTEGER", nullable: true),
                    InTheirWords = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessedNeeds", x => new { x.AssessmentId, x.Domain });
                    table.ForeignKey(
                        name: "FK_AssessedNeeds_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_AssessmentDueAt",
                table: "Episodes",
                columns: new[] { "TeamId", "AssessmentDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_EpisodeId",
                table: "Assessments",
                column: "EpisodeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PersonId_UpdatedAt",
                table: "Assessments",
                columns: new[] { "PersonId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FormulationRevisions_PersonId_WrittenAt",
                table: "FormulationRevisions",
                columns: new[] { "PersonId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FormulationRevisions_TeamId_PersonId_Number",
                table: "FormulationRevisions",
                columns: new[] { "TeamId", "PersonId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentCompletions_EpisodeId_CompletedAt",
                table: "InstrumentCompletions",
                columns: new[] { "EpisodeId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentCompletions_PersonId_CompletedAt",
                table: "InstrumentCompletions",
                columns: new[] { "PersonId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningOutcomes_EpisodeId_Sequence",
                table: "ScreeningOutcomes",
                columns: new[] { "EpisodeId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningOutcomes_PersonId_RecordedAt",
                table: "ScreeningOutcomes",
                columns: new[] { "PersonId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessedNeeds");

            migrationBuilder.DropTable(
                name: "FormulationRevisions");

            migrationBuilder.DropTable(
                name: "InstrumentCompletions");

            migrationBuilder.DropTable(
                name: "ScreeningOutcomes");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_AssessmentDueAt",
                table: "Episodes");

            migrationBuilder.DropColumn(
                name: "ImmediateAssessmentMinutes",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "RoutineAssessmentMinutes",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "TodayAssessmentMinutes",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "AssessmentDueAt",
                table: "Episodes");
        }
    }
}
