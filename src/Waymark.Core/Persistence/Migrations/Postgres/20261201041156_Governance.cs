using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DestructionLogEntry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    DestroyedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rule = table.Column<int>(type: "integer", nullable: false),
                    PersonHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DestructionLogEntry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalHold",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlacedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    LiftReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHold", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalHold_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionKey",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionKey", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DestructionLogEntry_DestroyedAt",
                table: "DestructionLogEntry",
                column: "DestroyedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DestructionLogEntry_PersonHash",
                table: "DestructionLogEntry",
                column: "PersonHash");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHold_PersonId_LiftedAt",
                table: "LegalHold",
                columns: new[] { "PersonId", "LiftedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DestructionLogEntry");

            migrationBuilder.DropTable(
                name: "LegalHold");

            migrationBuilder.DropTable(
                name: "RetentionKey");
        }
    }
}
