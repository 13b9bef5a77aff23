import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws (bars, a choropleth), so the chunk stays small; SVG keeps text sharp on
// phones and in screenshots. This module is imported by the dashboard's lazy route chunk only.
echarts.use([BarChart, MapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
