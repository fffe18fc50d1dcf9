using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddLiaisonReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiaisonReportAddressee");

            migrationBuilder.DropTable(
                name: "LiaisonReportRecommendation");

            migrationBuilder.DropTable(
                name: "LiaisonReports");
        }
    }
}
