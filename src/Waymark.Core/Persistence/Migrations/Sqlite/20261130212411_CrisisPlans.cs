using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrisisPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OutOfHoursDescription",
                table: "SupportSettings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutOfHoursTelephone",
                table: "SupportSettings",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CrisisPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LatestNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    LatestAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrisisPlans_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrisisPlanVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrisisPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningSigns = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    SelfHelp = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    HelpfulPeopleAndPlaces = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CrisisContacts = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    OwnServices = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    SafeSurroundings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PracticalThings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    WhoWasThere = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgreedWithPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    AgreedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisPlanVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrisisPlanVersions_CrisisPlans_CrisisPlanId",
                        column: x => x.CrisisPlanId,
                        principalTable: "CrisisPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrisisPlanVersions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrisisPlanShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrisisPlanVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    NotifyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisPlanShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrisisPlanShares_CrisisPlanVersions_CrisisPlanVersionId",
                        column: x => x.CrisisPlanVersionId,
                        principalTable: "CrisisPlanVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrisisPlanShares_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlans_PersonId_TeamId_LatestAt",
                table: "CrisisPlans",
                columns: new[] { "PersonId", "TeamId", "LatestAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlanShares_CrisisPlanVersionId",
                table: "CrisisPlanShares",
                column: "CrisisPlanVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlanShares_PersonId_SentAt",
                table: "CrisisPlanShares",
                columns: new[] { "PersonId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlanVersions_CrisisPlanId_Number",
                table: "CrisisPlanVersions",
                columns: new[] { "CrisisPlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlanVersions_PersonId",
                table: "CrisisPlanVersions",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrisisPlanShares");

            migrationBuilder.DropTable(
                name: "CrisisPlanVersions");

            migrationBuilder.DropTable(
                name: "CrisisPlans");

            migrationBuilder.DropColumn(
                name: "OutOfHoursDescription",
                table: "SupportSettings");

            migrationBuilder.DropColumn(
                name: "OutOfHoursTelephone",
                table: "SupportSettings");
        }
    }
}
