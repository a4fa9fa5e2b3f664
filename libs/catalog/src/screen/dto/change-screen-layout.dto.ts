import { LayoutField } from './layout-field';

/** `PUT /api/admin/screens/:id/layout`: the layout for shows created from now on. */
export class ChangeScreenLayoutDto {
  @LayoutField()
  layout!: string[];
}
