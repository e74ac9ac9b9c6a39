/**
 * Exception lists and items of the standalone engine, kept as the JSON Kibana's format gives them
 * and keyed as Kibana keys them (list_id or item_id, with the namespace type), so an export gives
 * back what was imported. Kibana keeps the same in its exception list saved objects.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  exceptionList,
  exceptionListItem,
  type ExceptionList,
  type ExceptionListItem,
  type NamespaceType,
} from '../../../common/exceptions/exception_schema';
import type { ExceptionSet } from '../../new_terms/rule_exceptions';
import { storedText } from '../stored_text';
import type { ExceptionImportOutcome, ExceptionStore } from '../store_contract';
import { queryRows } from './sql_values';

const parsedList = (text: unknown): ExceptionList[] => {
  const parsed = exceptionList.safeParse(JSON.parse(storedText(text)));
  return parsed.success ? [parsed.data] : [];
};

const parsedItem = (text: unknown): ExceptionListItem[] => {
  const parsed = exceptionListItem.safeParse(JSON.parse(storedText(text)));
  return parsed.success ? [parsed.data] : [];
};

export class DuckDbExceptionStore implements ExceptionStore {
  constructor(private readonly connection: DuckDBConnection) {}

  async all(): Promise<ExceptionSet> {
    const lists = await queryRows(
      this.connection,
      'SELECT list FROM exception_lists ORDER BY list_id, namespace_type'
    );
    const items = await queryRows(
      this.connection,
      'SELECT item FROM exception_items ORDER BY list_id, item_id, namespace_type'
    );
    return {
      lists: lists.flatMap((row) => parsedList(row.list)),
      items: items.flatMap((row) => parsedItem(row.item)),
    };
  }

  async putList(list: ExceptionList, overwrite: boolean): Promise<ExceptionImportOutcome> {
    const key = [list.list_id, list.namespace_type];
    const existing = await queryRows(
      this.connection,
      'SELECT 1 FROM exception_lists WHERE list_id = ? AND namespace_type = ?',
      key
    );
    if (existing.length > 0 && !overwrite) return 'conflict';
    await this.connection.run('BEGIN TRANSACTION');
    try {
      // Kibana's overwrite replaces the list with the file's: its old items go with it.
      await this.connection.run(
        'DELETE FROM exception_items WHERE list_id = ? AND namespace_type = ?',
        key
      );
      await this.connection.run(
        'DELETE FROM exception_lists WHERE list_id = ? AND namespace_type = ?',
        key
      );
      await this.connection.run(
        'INSERT INTO exception_lists (list_id, namespace_type, list) VALUES (?, ?, ?)',
        [...key, JSON.stringify(list)]
      );
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    return existing.length > 0 ? 'updated' : 'created';
  }

  async putItem(item: ExceptionListItem, overwrite: boolean): Promise<ExceptionImportOutcome> {
    const key = [item.item_id, item.namespace_type];
    const existing = await queryRows(
      this.connection,
      'SELECT 1 FROM exception_items WHERE item_id = ? AND namespace_type = ?',
      key
    );
    if (existing.length > 0 && !overwrite) return 'conflict';
    await this.connection.run(
      'DELETE FROM exception_items WHERE item_id = ? AND namespace_type = ?',
      key
    );
    await this.connection.run(
      'INSERT INTO exception_items (item_id, namespace_type, list_id, item) VALUES (?, ?, ?, ?)',
      [...key, item.list_id, JSON.stringify(item)]
    );
    return existing.length > 0 ? 'updated' : 'created';
  }

  async removeItem(itemId: string, namespace: NamespaceType): Promise<boolean> {
    const rows = await queryRows(
      this.connection,
      'DELETE FROM exception_items WHERE item_id = ? AND namespace_type = ? RETURNING item_id',
      [itemId, namespace]
    );
    return rows.length > 0;
  }

  async removeList(listId: string, namespace: NamespaceType): Promise<boolean> {
    const key = [listId, namespace];
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await this.connection.run(
        'DELETE FROM exception_items WHERE list_id = ? AND namespace_type = ?',
        key
      );
      const rows = await queryRows(
        this.connection,
        'DELETE FROM exception_lists WHERE list_id = ? AND namespace_type = ? RETURNING list_id',
        key
      );
      await this.connection.run('COMMIT');
      return rows.length > 0;
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }
}
