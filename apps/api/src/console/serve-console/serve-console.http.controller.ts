import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound } from '@passerelle/domain';
import { Public } from '@passerelle/auth';
import type { Request, Response } from 'express';
import { consoleDirectory, consoleFile } from '../console-files';

const PREFIX = '/console/';
/** Vite names built assets (under assets/) by their content hash: a new build gets new names, so they may be cached for good. */
const HASHED_ASSETS = 'assets/';

/**
 * The built console (apps/console) as static files. Public: the files hold no data; every figure
 * the page shows comes from the API with the signed-in key. Routing happens in memory, so the only
 * page is /console/ and nothing about a person ever appears in a URL.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ServeConsoleController {
  @Get()
  page(@Res() response: Response): void {
    this.send('index.html', response);
  }

  @Get('*path')
  file(@Req() request: Request, @Res() response: Response): void {
    const relative = request.path.startsWith(PREFIX) ? request.path.slice(PREFIX.length) : '';
    this.send(relative === '' ? 'index.html' : relative, response);
  }

  private send(relative: string, response: Response): void {
    const root = consoleDirectory();
    if (!root) throw notFound('CONSOLE.NOT_BUILT', 'The console is not built: run `npm run build`.');
    const file = consoleFile(root, relative);
    if (!file) throw notFound('CONSOLE.NO_SUCH_FILE', 'No such file in the console.');
    response.setHeader('Cache-Control', relative.startsWith(HASHED_ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache');
    response.sendFile(file, { dotfiles: 'deny' });
  }
}
